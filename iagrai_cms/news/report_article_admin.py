"""Admin of evidence promotion: the reviewer's screen that turns an accepted compliance
report into a draft article (/admin/bao-cao/<id>/dua-tin/), its links on the reports'
screens, and its audit-log action. The work itself is iagrai_cms.news.report_articles.

Imported by iagrai_cms.wagtail_hooks.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from directives_app.compliance.report_panels import REPORT_LINKS_HOOK
from directives_app.models import ComplianceReport, Evidence, ReportStatus

from .report_articles import (
    LOG_ACTION,
    AlreadyPromoted,
    article_for_report,
    draft_article_from_report,
    may_promote,
    promotable_photos,
    proposed_title,
    target_section,
)

URL_NAME = "directives_report_article"


class PromotionForm(forms.Form):
    """Which of the report's photos go into the article (none: a text-only article)."""

    evidence = forms.ModelMultipleChoiceField(
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Ảnh đã chọn không thuộc báo cáo này hoặc chưa được gửi thẩm định."
            ),
            "invalid_pk_value": gettext_lazy("“%(pk)s” không phải mã ảnh hợp lệ."),
        },
    )

    def __init__(self, report: ComplianceReport, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = promotable_photos(report)


def report_article_view(request: HttpRequest, pk: int) -> HttpResponse:
    # Anyone but a reviewer learns nothing, not even whether the report exists.
    if not may_promote(request.user):
        raise Http404
    report = ComplianceReport.objects.select_related("unit", "directive").filter(pk=pk).first()
    if report is None:
        raise Http404
    existing = article_for_report(report)
    if existing is not None:
        status = 200
        if request.method == "POST":
            status = 409
            messages_now = [AlreadyPromoted(existing).messages[0]]
        else:
            messages_now = []
        return _render(request, report, article=existing, errors=messages_now, status=status)
    if report.status != ReportStatus.ACCEPTED:
        return _render(
            request,
            report,
            errors=[_("Chỉ báo cáo đã được chấp nhận mới đưa thành tin bài được.")],
            status=400,
        )
    if request.method != "POST":
        return _render(request, report, form=PromotionForm(report))

    form = PromotionForm(report, request.POST)
    if not form.is_valid():
        return _render(request, report, form=form, status=400)
    try:
        article = draft_article_from_report(
            report, request.user, [photo.pk for photo in form.cleaned_data["evidence"]]
        )
    except PermissionDenied as error:
        raise Http404 from error
    except AlreadyPromoted as error:
        return _render(request, report, article=error.article, errors=error.messages, status=409)
    except ValidationError as error:
        return _render(request, report, form=form, errors=error.messages, status=400)
    can_edit = article.permissions_for_user(request.user).can_edit()
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    messages.success(
        request,
        _(
            "Đã tạo bản nháp tin bài “%(title)s”. Biên tập viên được báo qua thư để biên tập "
            "và gửi Ban biên tập duyệt."
        )
        % {"title": article.title},
        buttons=[messages.button(edit_url, _("Sửa bản nháp"))] if can_edit else None,
    )
    # Reviewers hold no page permission: they come back to this screen, which now says
    # where the draft is; whoever may edit the draft goes straight to it.
    return redirect(edit_url if can_edit else reverse(URL_NAME, args=[report.pk]))


def _render(
    request: HttpRequest,
    report: ComplianceReport,
    *,
    form: PromotionForm | None = None,
    article=None,
    errors: list[str] | None = None,
    status: int = 200,
) -> TemplateResponse:
    photos = list(promotable_photos(report)) if form is not None else []
    if form is not None and form.is_bound:
        selected = {str(value) for value in form.data.getlist("evidence")}
    else:
        selected = {str(photo.pk) for photo in photos}
    other_evidence = (
        report.evidence.filter(submitted_at__isnull=False).count() - len(photos)
        if form is not None
        else 0
    )
    section = None
    if form is not None:
        try:
            section = target_section(report)
        except ValidationError as error:
            errors = [*(errors or []), *error.messages]
    context = {
        "page_title": _("Đưa thành tin bài: %(report)s") % {"report": report},
        "report": report,
        "form": form,
        "photos": [(photo, str(photo.pk) in selected) for photo in photos],
        "other_evidence": other_evidence,
        "results": list(report.results.select_related("task")) if form is not None else [],
        "proposed_title": proposed_title(report) if form is not None else "",
        "section": section,
        "article": article,
        "article_edit_url": (
            reverse("wagtailadmin_pages:edit", args=[article.pk])
            if article is not None and article.permissions_for_user(request.user).can_edit()
            else None
        ),
        "errors": errors or [],
    }
    return TemplateResponse(request, "iagrai_cms/admin/report_article.html", context, status=status)


def _may_promote_cached(user) -> bool:
    # Asked once per listing row: remember the answer on the request's user object.
    if not hasattr(user, "_may_promote_articles"):
        user._may_promote_articles = may_promote(user)
    return user._may_promote_articles


def promotion_links(report: ComplianceReport, user) -> list[tuple[str, str]]:
    """(label, url) of the promotion screen, for reviewers on an accepted report."""
    if report.status != ReportStatus.ACCEPTED or not _may_promote_cached(user):
        return []
    return [(_("Đưa thành tin bài"), reverse(URL_NAME, args=[report.pk]))]


@hooks.register("register_admin_urls")
def report_article_urls():
    return [path("bao-cao/<int:pk>/dua-tin/", report_article_view, name=URL_NAME)]


# The report's header panel and the review screen's "accepted" message show these links.
hooks.register(REPORT_LINKS_HOOK, promotion_links)


@hooks.register("register_snippet_listing_buttons")
def promotion_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, ComplianceReport):
        for label, url in promotion_links(snippet, user):
            yield Button(label, url=url, icon_name="doc-full", priority=70)


@hooks.register("register_log_actions")
def register_promotion_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class ArticleFromReportFormatter(LogFormatter):
        label = gettext_lazy("Đưa báo cáo thành tin bài")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Tạo bản nháp tin bài “%(title)s” từ báo cáo của %(unit)s (%(symbol)s)") % {
                "title": data.get("title", ""),
                "unit": data.get("unit", ""),
                "symbol": data.get("directive", ""),
            }
