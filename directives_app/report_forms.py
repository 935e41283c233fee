"""The unit's report form: task results, new photos straight from the phone's camera
(several at once), other files, links, and removal of evidence not yet submitted."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .uploads import check_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [file for file in files if file]


class ComplianceReportForm(WagtailAdminModelForm):
    new_photos = MultipleFileField(
        label=_("Thêm ảnh minh chứng"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "multiple": True}),
        help_text=_(
            "Chụp hoặc chọn nhiều ảnh một lần. Ảnh gốc được giữ nguyên, kể cả vị trí GPS nếu "
            "điện thoại có ghi, để người thẩm định đối chiếu nơi chụp; ảnh xem trước và ảnh "
            "đăng tin không mang vị trí."
        ),
    )
    new_files = MultipleFileField(
        label=_("Thêm tệp (PDF, Word, Excel, video)"),
        required=False,
        widget=MultipleFileInput(attrs={"multiple": True}),
    )
    new_caption = forms.CharField(
        label=_("Chú thích cho ảnh, tệp vừa thêm"), required=False, max_length=300
    )
    new_links = forms.CharField(
        label=_("Thêm đường dẫn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một đường dẫn, có thể ghi chú thích sau dấu “|”."),
    )
    remove_evidence = forms.ModelMultipleChoiceField(
        label=_("Bỏ minh chứng chưa gửi"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Evidence, TaskResult

        # One outcome and one text field per assigned task; stored on the in-memory
        # results so that the revision (draft, submission) carries them.
        self.result_rows = []
        for result in self.instance.results.all() if self.instance.pk else []:
            prefix = f"result_{result.task_id}"
            self.fields[f"{prefix}_outcome"] = forms.ChoiceField(
                label=_("Kết quả"),
                choices=TaskResult.Outcome.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=result.outcome,
            )
            self.fields[f"{prefix}_text"] = forms.CharField(
                label=_("Nội dung đã thực hiện"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=result.text,
            )
            self.result_rows.append((result, prefix))

        self.fields["remove_evidence"].queryset = Evidence.objects.filter(
            report=self.instance if self.instance.pk else None, submitted_at__isnull=True
        )
        self.fields["remove_evidence"].label_from_instance = str
        self.checked_uploads = []
        self.links: list[tuple[str, str]] = []

    def clean_new_links(self) -> str:
        validate = forms.URLField(max_length=1000, assume_scheme="https").clean
        text = self.cleaned_data["new_links"]
        for number, line in enumerate(filter(str.strip, text.splitlines()), start=1):
            url, _sep, caption = line.partition("|")
            try:
                self.links.append((validate(url.strip()), caption.strip()[:300]))
            except ValidationError as error:
                raise ValidationError(
                    _("Dòng %(n)d: “%(url)s” không phải đường dẫn hợp lệ (bắt đầu bằng https://).")
                    % {"n": number, "url": url.strip()[:100]}
                ) from error
        return text

    def clean(self):
        cleaned = super().clean()
        from .models import ComplianceSettings

        max_bytes = ComplianceSettings.load().max_upload_mb * 1024 * 1024
        for field in ("new_photos", "new_files"):
            for upload in cleaned.get(field) or []:
                try:
                    self.checked_uploads.append(check_upload(upload, max_bytes))
                except ValidationError as error:
                    self.add_error(field, error)
        return cleaned

    @property
    def result_fields(self):
        return [
            (result.task, self[f"{prefix}_outcome"], self[f"{prefix}_text"])
            for result, prefix in self.result_rows
        ]

    def save(self, commit=True):
        results = []
        for result, prefix in self.result_rows:
            result.outcome = self.cleaned_data.get(f"{prefix}_outcome") or ""
            result.text = self.cleaned_data.get(f"{prefix}_text") or ""
            results.append(result)
        if results:
            self.instance.results.set(results)
        instance = super().save(commit=commit)
        if self.is_valid() and instance.pk:
            self.save_evidence(instance)
        return instance

    def save_evidence(self, report) -> None:
        """Store what this submission added; removals only touch unsubmitted items."""
        from .models import Evidence

        user = getattr(self, "for_user", None)
        caption = self.cleaned_data.get("new_caption", "")
        for checked in self.checked_uploads:
            evidence = Evidence(
                report=report,
                kind=Evidence.Kind.FILE,
                caption=caption,
                original_name=checked.original_name,
                sha256=checked.sha256,
                size=checked.size,
                content_type=checked.content_type,
                uploaded_by=user,
                taken_at=checked.taken_at,
            )
            evidence.file.save(checked.safe_name, checked.upload, save=False)
            if checked.preview is not None:
                evidence.preview.save("xem-truoc.jpg", checked.preview, save=False)
            evidence.save()
        for url, link_caption in self.links:
            Evidence.objects.create(
                report=report,
                kind=Evidence.Kind.LINK,
                url=url,
                caption=link_caption,
                uploaded_by=user,
            )
        for evidence in self.cleaned_data.get("remove_evidence") or []:
            evidence.delete()
        self.checked_uploads, self.links = [], []
