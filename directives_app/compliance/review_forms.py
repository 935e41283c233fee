"""Forms of the review modal: returning a report needs a checklist of what is missing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm


def form_for_review_action(task, action: str) -> type[forms.Form]:
    if action != "reject":
        return TaskStateCommentForm
    choices = [(item, item) for item in task.checklist]

    class ReturnForm(TaskStateCommentForm):
        checklist = forms.MultipleChoiceField(
            label=_("Còn thiếu"),
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

        def clean(self):
            cleaned = super().clean()
            if not cleaned.get("checklist") and not (cleaned.get("comment") or "").strip():
                raise forms.ValidationError(
                    _("Khi trả lại, hãy chọn ít nhất một mục còn thiếu hoặc ghi nhận xét.")
                )
            return cleaned

    return ReturnForm
