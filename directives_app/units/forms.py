"""Admin forms of directives_app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from directives_app.models.units import UnitKind


class AddresseeGroupForm(WagtailAdminModelForm):
    """Kinds as check boxes and aliases one per line, instead of raw JSON."""

    kinds = forms.MultipleChoiceField(
        label=_("Các loại đơn vị"),
        choices=UnitKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    aliases = forms.CharField(
        label=_("Tên gọi khác"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Mỗi dòng một tên, như văn bản thường viết."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["aliases"] = "\n".join(self.instance.aliases or [])

    def clean_aliases(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("kinds") and not cleaned.get("units"):
            raise forms.ValidationError(_("Chọn ít nhất một loại đơn vị hoặc một đơn vị cụ thể."))
        return cleaned
