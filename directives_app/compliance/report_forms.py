"""The unit's report form: task results, new photos straight from the phone's camera
(several at once), other files, links, a caption per evidence item, and removal of evidence
not yet submitted. A submission is refused, with the list of what is missing, unless the
report is complete (`ComplianceReport.missing_for_submission`)."""

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
    class Media:
        # The confirmation before sending, a caption box per chosen file, "Xem thêm".
        js = ["directives_app/js/report-form.js"]
        css = {"all": ["directives_app/css/report.css"]}

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
    # Kept for clients that send one caption for every file of the request; the screen
    # offers a caption per file (new_photos_caption / new_files_caption, one per file, in
    # the order of the files, added by report-form.js) and per saved item (caption_<pk>).
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
        from directives_app.models import Evidence, TaskResult

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

        unsent = Evidence.objects.filter(
            report=self.instance if self.instance.pk else None, submitted_at__isnull=True
        )
        self.fields["remove_evidence"].queryset = unsent
        self.fields["remove_evidence"].label_from_instance = str
        # A caption box per item not yet sent (sent items are frozen).
        self.caption_fields: dict[int, str] = {}
        for evidence in unsent:
            name = f"caption_{evidence.pk}"
            self.fields[name] = forms.CharField(
                label=_("Chú thích"), required=False, max_length=300, initial=evidence.caption
            )
            self.caption_fields[evidence.pk] = name
        numbers = self.instance.directive.task_numbers() if self.instance.pk else {}
        self.task_numbers = numbers
        self.checked_uploads = []
        self.submission_refused: list[str] = []
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

    @property
    def wants_submit(self) -> bool:
        return self.is_bound and (
            "action-submit" in self.data or "action-restart-workflow" in self.data
        )

    def clean(self):
        cleaned = super().clean()
        from directives_app.models import ComplianceSettings

        max_bytes = ComplianceSettings.load().max_upload_mb * 1024 * 1024
        for field in ("new_photos", "new_files"):
            captions = self.data.getlist(f"{field}_caption") if self.is_bound else []
            for index, upload in enumerate(cleaned.get(field) or []):
                try:
                    checked = check_upload(upload, max_bytes)
                except ValidationError as error:
                    self.add_error(field, error)
                    continue
                caption = captions[index].strip()[:300] if index < len(captions) else ""
                self.checked_uploads.append((checked, caption))
        if self.wants_submit and self.instance.pk and not self.errors:
            self.check_complete(cleaned)
        return cleaned

    def check_complete(self, cleaned) -> None:
        """Refuse a submission of an incomplete report, saying what is missing."""
        for result, prefix in self.result_rows:
            result.outcome = cleaned.get(f"{prefix}_outcome") or ""
            result.text = cleaned.get(f"{prefix}_text") or ""
        removed = len(cleaned.get("remove_evidence") or [])
        count = self.instance.evidence.count() - removed + len(self.checked_uploads)
        count += len(self.links)
        missing = self.instance.missing_for_submission(
            [result for result, _prefix in self.result_rows], count
        )
        if missing:
            self.submission_refused = missing
            raise ValidationError(
                [_("Chưa gửi được báo cáo. Còn thiếu:")] + missing, code="incomplete"
            )

    @property
    def evidence_captions(self) -> dict[int, object]:
        """evidence id → its caption box (items not yet sent)."""
        return {pk: self[name] for pk, name in self.caption_fields.items()}

    @property
    def result_fields(self):
        """(number in the letter, task, outcome field, text field) per assigned task."""
        return [
            (
                self.task_numbers.get(result.task_id, ""),
                result.task,
                self[f"{prefix}_outcome"],
                self[f"{prefix}_text"],
            )
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
        from directives_app.models import Evidence

        user = getattr(self, "for_user", None)
        shared_caption = self.cleaned_data.get("new_caption", "")
        for checked, caption in self.checked_uploads:
            evidence = Evidence(
                report=report,
                kind=Evidence.Kind.FILE,
                caption=caption or shared_caption,
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
        removed = set()
        for evidence in self.cleaned_data.get("remove_evidence") or []:
            removed.add(evidence.pk)
            evidence.delete()
        for pk, name in self.caption_fields.items():
            caption = (self.cleaned_data.get(name) or "").strip()
            # Only boxes the request sent: a client that sends none keeps every caption.
            if pk not in removed and name in self.data and name in self.changed_data:
                Evidence.objects.filter(pk=pk, submitted_at__isnull=True).update(caption=caption)
        self.checked_uploads, self.links = [], []
