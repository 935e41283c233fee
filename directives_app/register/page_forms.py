"""The admin form of DirectivePage: the directive's rules, with messages on the right field.

Kept free of model imports at module level, because the page model names it as its
`base_form_class`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class DirectivePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        issued_on: datetime.date = cleaned.get("issued_on") or timezone.localdate()
        tasks = self.formsets.get("tasks")
        live_tasks = []
        if tasks is not None:
            tasks.is_valid()  # formsets are validated after the form; their data is needed here
            for index, form in enumerate(tasks.forms, start=1):
                if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                    continue
                data = form.cleaned_data
                if not data:
                    continue
                live_tasks.append(form)
                if not data.get("addressee_units") and not data.get("addressee_groups"):
                    form.add_error(
                        "addressee_units",
                        _("Nhiệm vụ %(n)d chưa có đơn vị thực hiện: chọn đơn vị hoặc nhóm đơn vị.")
                        % {"n": index},
                    )
                deadline = data.get("deadline")
                if deadline and deadline < issued_on:
                    form.add_error(
                        "deadline",
                        _(
                            "Hạn hoàn thành của nhiệm vụ %(n)d (%(deadline)s) trước ngày ban hành "
                            "(%(issued)s)."
                        )
                        % {
                            "n": index,
                            "deadline": f"{deadline:%d/%m/%Y}",
                            "issued": f"{issued_on:%d/%m/%Y}",
                        },
                    )
                if deadline and data.get("deadline_working_days"):
                    form.add_error(
                        "deadline_working_days",
                        _("Chỉ ghi một loại hạn: một ngày cụ thể hoặc số ngày làm việc."),
                    )
        if cleaned.get("requires_reports") and not live_tasks:
            raise forms.ValidationError(
                _(
                    "Văn bản yêu cầu báo cáo kết quả phải có ít nhất một nhiệm vụ giao cho đơn vị. "
                    "Thêm nhiệm vụ, hoặc bỏ chọn “yêu cầu báo cáo kết quả”."
                )
            )
        return cleaned
