"""The admin's "Nhập văn bản" (import a letter): upload a .txt/.docx or paste the text,
see what was read beside the original with the warnings, then create the draft.

Two steps, no server-side state between them: the preview carries the original in a
signed hidden field, and "create" reads and parses it again.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directives_app.models import AddresseeGroup, DirectiveIndexPage, Unit

from .drafts import DraftRefused, analyse, create_draft, previous_imports
from .forms import CreateDraftForm, ImportLetterForm, sign_source
from .parser import ParsedLetter
from .text import LetterSource

LOW_CONFIDENCE = 0.8
FIELD_LABELS = {
    "issuer": gettext_lazy("Cơ quan ban hành"),
    "parent_issuer": gettext_lazy("Cơ quan chủ quản"),
    "symbol": gettext_lazy("Số, ký hiệu"),
    "date": gettext_lazy("Ngày ban hành"),
    "place": gettext_lazy("Địa danh"),
    "subject": gettext_lazy("Trích yếu"),
}


def review_fields(letter: ParsedLetter) -> dict[str, dict]:
    """Per header field: the line it was read from and whether the clerk should check it
    (read with low confidence, or not found)."""
    fields = {}
    for name in FIELD_LABELS:
        line, confidence = letter.sources.get(name, ("", 0.0))
        value = getattr(letter, name, "")
        if name == "parent_issuer" and not value:
            continue
        fields[name] = {
            "line": line,
            "confidence": confidence,
            "check": not value or confidence < LOW_CONFIDENCE,
        }
    return fields


def registers_for(user: AbstractBaseUser | AnonymousUser) -> list[DirectiveIndexPage]:
    """The registers under which `user` may add a directive."""
    if not user.is_authenticated:
        return []
    return [
        register
        for register in DirectiveIndexPage.objects.order_by("path")
        if register.permissions_for_user(user).can_add_subpage()
    ]


class ImportLetterView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Nhập văn bản")
    header_icon = "upload"
    template_name = "directives_app/importer/import.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.registers = registers_for(request.user)
        if not self.registers:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict]:
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(form=ImportLetterForm(registers=self.registers))
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.POST.get("action") == "create":
            return self.create(request)
        return self.preview(request)

    def preview(self, request: HttpRequest) -> HttpResponse:
        form = ImportLetterForm(request.POST, request.FILES, registers=self.registers)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        source: LetterSource = form.cleaned_data["source"]
        letter = analyse(source.text)
        if letter.errors:
            for error in letter.errors:
                form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        parent = form.cleaned_data["parent"]
        return self.render_preview(source, letter, parent)

    def render_preview(
        self,
        source: LetterSource,
        letter: ParsedLetter,
        parent: DirectiveIndexPage,
        error: str = "",
        status: int = 200,
    ) -> HttpResponse:
        units = {unit.code: unit.name for unit in Unit.objects.all()}
        groups = {group.code: group.name for group in AddresseeGroup.objects.all()}
        names = {**units, **groups}
        tasks = [
            {
                **task.to_json(),
                "index": index,
                "unit_names": [units.get(code, code) for code in task.units],
                "paragraphs": task.paragraphs,
                "review": [
                    {
                        **item,
                        "percent": round(item["confidence"] * 100),
                        "names": [
                            (code, names.get(code, code)) for code in item.get("targets", [])
                        ],
                    }
                    for item in task.resolution
                ],
            }
            for index, task in enumerate(letter.tasks)
        ]
        context = self.get_context_data(
            letter=letter,
            fields=review_fields(letter),
            parsed_json=json.dumps(letter.to_json(), ensure_ascii=False, indent=2),
            tasks=tasks,
            source=source,
            parent=parent,
            issuer_unit=units.get(letter.issuer_unit, ""),
            drafting_unit=units.get(letter.drafting_unit, ""),
            group_names=groups,
            create_form=CreateDraftForm(
                initial={"payload": sign_source(source, parent)}, registers=self.registers
            ),
            can_create=bool(letter.issuer_unit),
            previous=previous_imports(source),
            error=error,
        )
        self.template_name = "directives_app/importer/preview.html"
        return self.render_to_response(context, status=status)

    def create(self, request: HttpRequest) -> HttpResponse:
        form = CreateDraftForm(request.POST, registers=self.registers)
        if not form.is_valid():
            context = self.get_context_data(
                form=ImportLetterForm(registers=self.registers),
                errors=form.errors.get("payload", []),
            )
            return self.render_to_response(context, status=400)
        source = form.cleaned_data["payload"]["source"]
        parent = form.cleaned_data["payload"]["parent"]
        letter = analyse(source.text)
        confirmed: dict[int, list[str]] = {}
        for value in request.POST.getlist("confirm"):
            index, _sep, code = value.partition(":")
            if index.isdigit():
                confirmed.setdefault(int(index), []).append(code)
        try:
            result = create_draft(
                letter, source, parent=parent, user=request.user, confirmed=confirmed
            )
        except DraftRefused as refusal:
            return self.render_preview(source, letter, parent, error=str(refusal), status=400)
        messages.success(
            request,
            _("Đã tạo bản nháp “%(title)s” từ văn bản nhập. Hãy kiểm tra các cảnh báo.")
            % {"title": result.page.title}
            if letter.warnings
            else _("Đã tạo bản nháp “%(title)s” từ văn bản nhập.") % {"title": result.page.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[result.page.pk]))
