"""Forms of the admin's "Nhập văn bản": the letter (upload or paste) and the register it
goes to; then the confirmation that carries the original to the "create" step."""

from __future__ import annotations

import base64
import binascii

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directives_app.models import DirectiveIndexPage

from .text import MAX_LETTER_BYTES, LetterInputError, LetterSource, read_letter

PAYLOAD_SALT = "directives_app.importer.payload"
# The clerk reads the preview before creating the draft; a day is ample.
PAYLOAD_MAX_AGE = 24 * 60 * 60


class RegisterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DirectiveIndexPage) -> str:
        return obj.title


class ImportLetterForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp văn bản (.txt, .docx)"),
        required=False,
        error_messages={
            "empty": gettext_lazy("Tệp trống: không có nội dung văn bản."),
            "invalid": gettext_lazy("Không nhận được tệp: hãy chọn lại tệp văn bản."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.md,text/plain"}),
    )
    text = forms.CharField(
        label=gettext_lazy("hoặc dán nội dung văn bản"),
        required=False,
        strip=False,
        max_length=MAX_LETTER_BYTES,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    parent = RegisterChoiceField(
        label=gettext_lazy("Sổ văn bản"),
        queryset=DirectiveIndexPage.objects.none(),
        required=False,
    )

    def __init__(self, *args, registers: list[DirectiveIndexPage], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        field.queryset = DirectiveIndexPage.objects.filter(pk__in=[r.pk for r in registers])
        field.empty_label = None
        self.registers = registers
        if len(registers) == 1:
            field.initial = registers[0].pk
            field.widget = forms.HiddenInput()

    def clean_parent(self) -> DirectiveIndexPage:
        parent = self.cleaned_data.get("parent")
        if parent is None and len(self.registers) == 1:
            return self.registers[0]  # the usual case: one register, nothing to choose
        if parent is None:
            raise forms.ValidationError(_("Hãy chọn sổ văn bản."))
        return parent

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        text = cleaned.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError(_("Chọn một trong hai: tải tệp lên hoặc dán nội dung."))
        if not upload and not text.strip():
            raise forms.ValidationError(
                _("Hãy chọn tệp văn bản (.txt, .docx) hoặc dán nội dung văn bản.")
            )
        try:
            if upload:
                if upload.size > MAX_LETTER_BYTES:
                    from .text import too_large

                    raise too_large(upload.size)
                cleaned["source"] = read_letter(upload.read(), upload.name or "")
            else:
                cleaned["source"] = read_letter(text.encode("utf-8"), "van-ban-dan.txt")
        except LetterInputError as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned


def sign_source(source: LetterSource, parent: DirectiveIndexPage) -> str:
    """The original and the register, signed, for the hidden field of the preview."""
    return signing.dumps(
        {
            "name": source.name,
            "data": base64.b64encode(source.data).decode("ascii"),
            "parent": parent.pk,
        },
        salt=PAYLOAD_SALT,
        compress=True,
    )


class CreateDraftForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput())

    def __init__(self, *args, registers: list[DirectiveIndexPage], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.registers = {register.pk: register for register in registers}

    def clean_payload(self) -> dict:
        try:
            payload = signing.loads(
                self.cleaned_data["payload"], salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE
            )
            data = base64.b64decode(payload["data"], validate=True)
            parent = self.registers[payload["parent"]]
            source = read_letter(data, str(payload["name"]))
        except (signing.BadSignature, binascii.Error, KeyError, TypeError, ValueError) as error:
            if isinstance(error, LetterInputError):
                raise forms.ValidationError(str(error)) from error
            raise forms.ValidationError(
                _("Phiên nhập văn bản đã hết hạn hoặc không hợp lệ: hãy tải văn bản lên lại.")
            ) from error
        return {"source": source, "parent": parent}
