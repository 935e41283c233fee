"""The report forms: the public one at /phan-anh/ and the one units use in the admin.
Both produce an `intake.Submission`; every field refuses bad input with a Vietnamese
message, and nothing is stored until every field is valid."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from conduct_app.channels.links import MAX_URL_LENGTH, normalise_url
from conduct_app.models import ActionTaken, Category, IncidentReport, Platform
from directives_app.models import Unit

from .intake import Submission
from .screenshots import MAX_FILES, clean_screenshot
from .tracking_codes import normalise as normalise_code
from .triage import Step, allowed_steps, check, handler_units

MAX_URLS = 10
HONEYPOT_FIELD = "website"
_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")
_url_validator = URLValidator(schemes=["http", "https"])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ScreenshotsField(forms.Field):
    """Up to MAX_FILES images; each is checked and re-encoded (screenshots.clean_screenshot)
    and the cleaned value is the list of re-encoded images."""

    widget = MultipleFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"}
    )

    def clean(self, value: Any) -> list:
        files = [f for f in (value if isinstance(value, (list, tuple)) else [value]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Chỉ gửi được tối đa %(max)d ảnh; bạn đã chọn %(count)d ảnh.")
                % {"max": MAX_FILES, "count": len(files)},
                code="too_many",
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_screenshot(upload))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _split_urls(text: str) -> list[str]:
    urls: list[str] = []
    for line in re.split(r"[\s]+", text or ""):
        line = line.strip().rstrip(",;")
        if line and line not in urls:
            urls.append(line)
    return urls


class ReportForm(forms.Form):
    urls = forms.CharField(
        label=_("Đường dẫn bài viết, trang hoặc tài khoản"),
        help_text=format_lazy(_("Mỗi dòng một đường dẫn, tối đa {max}."), max=MAX_URLS),
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "url", "autocomplete": "off"}),
        error_messages={"required": _("Nhập ít nhất một đường dẫn.")},
    )
    platform = forms.ChoiceField(
        label=_("Nền tảng"),
        choices=Platform.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn nền tảng."),
            "invalid_choice": _("Nền tảng không hợp lệ."),
        },
    )
    category = forms.ChoiceField(
        label=_("Loại vi phạm"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn loại vi phạm."),
            "invalid_choice": _("Loại vi phạm không hợp lệ."),
        },
    )
    impersonated = forms.CharField(
        label=_("Giả mạo ai?"),
        help_text=_("Tên cá nhân, cơ quan hoặc tổ chức bị giả mạo."),
        max_length=255,
        required=False,
        error_messages={"max_length": _("Tối đa %(limit_value)d ký tự.")},
    )
    description = forms.CharField(
        label=_("Mô tả"),
        help_text=_("Nội dung vi phạm là gì, bạn thấy khi nào."),
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=10,
        max_length=5000,
        error_messages={
            "required": _("Mô tả ngắn nội dung vi phạm."),
            "min_length": _("Mô tả quá ngắn (ít nhất %(limit_value)d ký tự)."),
            "max_length": _("Mô tả quá dài (tối đa %(limit_value)d ký tự)."),
        },
    )
    screenshots = ScreenshotsField(
        label=_("Ảnh chụp màn hình"),
        help_text=format_lazy(
            _("Không bắt buộc. Tối đa {max} ảnh JPEG, PNG, WebP hoặc HEIC."), max=MAX_FILES
        ),
        required=False,
    )

    def clean_urls(self) -> list[str]:
        urls = _split_urls(self.cleaned_data["urls"])
        if len(urls) > MAX_URLS:
            raise ValidationError(
                _("Tối đa %(max)d đường dẫn; bạn đã nhập %(count)d.")
                % {"max": MAX_URLS, "count": len(urls)}
            )
        cleaned, errors = [], []
        for url in urls:
            full = url if re.match(r"^https?://", url, re.IGNORECASE) else f"https://{url}"
            try:
                if len(full) > MAX_URL_LENGTH:
                    raise ValidationError("too long")
                _url_validator(full)
                normalise_url(full)
            except (ValidationError, ValueError):
                errors.append(
                    ValidationError(
                        _("“%(url)s” không phải đường dẫn hợp lệ (ví dụ: https://facebook.com/…).")
                        % {"url": url[:80]}
                    )
                )
                continue
            cleaned.append(full)
        if errors:
            raise ValidationError(errors)
        if not cleaned:
            raise ValidationError(_("Nhập ít nhất một đường dẫn."))
        return cleaned

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("category") == Category.IMPERSONATION and not data.get("impersonated", ""):
            self.add_error("impersonated", _("Cho biết cá nhân, cơ quan hoặc tổ chức bị giả mạo."))
        return data

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            urls=data["urls"],
            platform=data["platform"],
            category=data["category"],
            impersonated=data.get("impersonated", ""),
            description=data["description"],
            screenshots=data.get("screenshots") or [],
            reporter_name=data.get("reporter_name", ""),
            reporter_phone=data.get("reporter_phone", ""),
            reporter_email=data.get("reporter_email", ""),
            confidential=data.get("confidential", False),
        )


class PublicReportForm(ReportForm):
    reporter_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=120,
        required=False,
        error_messages={"max_length": _("Tối đa %(limit_value)d ký tự.")},
    )
    reporter_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": _("Số điện thoại không hợp lệ.")},
    )
    reporter_email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    confidential = forms.BooleanField(
        label=_("Tôi đề nghị giữ bí mật danh tính"),
        help_text=_("Chỉ người có thẩm quyền được xem thông tin liên hệ của bạn."),
        required=False,
    )
    # Hidden from people by CSS; bots that fill every field fill this one too.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = [
        "urls",
        "platform",
        "category",
        "impersonated",
        "description",
        "screenshots",
        "reporter_name",
        "reporter_phone",
        "reporter_email",
        "confidential",
        "website",
    ]

    def clean_reporter_phone(self) -> str:
        phone = self.cleaned_data.get("reporter_phone", "").strip()
        if phone and not _PHONE.match(phone):
            raise ValidationError(_("Số điện thoại không hợp lệ (ví dụ: 0912 345 678)."))
        return phone

    @classmethod
    def is_bot(cls, data: Any) -> bool:
        return bool((data.get(HONEYPOT_FIELD) or "").strip())


class StaffReportForm(ReportForm):
    """A unit reports what it found: the unit replaces the reporter's contact."""

    reporting_unit = forms.ModelChoiceField(
        label=_("Đơn vị gửi"),
        queryset=None,
        error_messages={
            "required": _("Chọn đơn vị gửi phản ánh."),
            "invalid_choice": _("Bạn không thuộc đơn vị này."),
        },
    )

    field_order = ["reporting_unit", "urls", "platform", "category", "impersonated"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reporting_unit"]
        field.queryset = units
        if units is not None and len(units) == 1:
            field.initial = units[0].pk


class TriageForm(WagtailAdminModelForm):
    """The handler's step on a report (the edit view of the triage admin). It changes
    nothing by itself: the view hands the cleaned data to `triage.apply`."""

    step = forms.ChoiceField(
        label=_("Bước xử lý"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn bước xử lý."),
            "invalid_choice": _("Bước này không thực hiện được ở trạng thái hiện tại."),
        },
    )
    unit = forms.ModelChoiceField(
        label=_("Chuyển đến đơn vị"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Đơn vị này không được giao xử lý phản ánh.")},
    )
    # Not named like the model's fields: this form sets nothing on the report itself.
    measure = forms.ChoiceField(
        label=_("Biện pháp đã thực hiện"),
        choices=[("", "---------"), *ActionTaken.choices],
        required=False,
    )
    duplicate_of = forms.CharField(
        label=_("Mã phản ánh đã tiếp nhận trước"),
        max_length=24,
        required=False,
        help_text=_("Khi đánh dấu trùng. Ví dụ: PA.20261202.K7M3F"),
    )
    outcome = forms.CharField(
        label=_("Kết quả công khai"),
        help_text=_("Người phản ánh thấy nội dung này khi tra cứu. Không ghi thông tin cá nhân."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        help_text=_("Lưu trong lịch sử xử lý; người phản ánh không thấy."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    # triage.check's error keys → this form's fields.
    CHECKED_FIELDS = {
        "step": "step",
        "unit": "unit",
        "action_taken": "measure",
        "duplicate_of": "duplicate_of",
    }

    class Meta:
        model = IncidentReport
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report = self.instance
        self.fields["step"].choices = [(s, Step(s).label) for s in allowed_steps(report)]
        self.fields["unit"].queryset = Unit.objects.filter(
            pk__in=[u.pk for u in handler_units() if u.pk != report.handler_unit_id]
        )
        self.fields["outcome"].initial = report.public_outcome
        if report.earlier_report_id:
            self.fields["duplicate_of"].initial = report.earlier_report.code

    def clean_duplicate_of(self) -> IncidentReport | None:
        code = self.cleaned_data.get("duplicate_of", "").strip().upper()
        if not code:
            return None
        found = IncidentReport.objects.filter(code=normalise_code(code) or code).first()
        if found is None:
            raise ValidationError(_("Không có phản ánh mã %(code)s.") % {"code": code})
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        step = data.get("step")
        if step and not self.errors:
            try:
                check(
                    self.instance,
                    step,
                    unit=data.get("unit"),
                    action_taken=data.get("measure", ""),
                    duplicate_of=data.get("duplicate_of"),
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    field = self.CHECKED_FIELDS.get(field)
                    self.add_error(field, messages)
        return data

    def save(self, commit: bool = True) -> IncidentReport:
        return self.instance
