"""What the public pages of conduct_app do: the report form, the status lookup, the
official-channel check. The Wagtail pages route here (models.incidents, models.channels).

The form page sets a CSRF cookie, so the anonymous page cache never keeps it (a cached
copy would carry someone else's token); the lookup answers `Cache-Control: private,
no-store`, since a report's status changes without any page being published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from conduct_app.channels.links import normalise_url
from conduct_app.models import Category, IncidentReport, OfficialChannel, Source

from . import rate_limit, tracking_codes
from .forms import PublicReportForm
from .intake import file_report

if TYPE_CHECKING:
    from conduct_app.models import IncidentReportPage, OfficialChannelIndexPage

FORM_TEMPLATE = "conduct_app/report_page.html"
LOOKUP_TEMPLATE = "conduct_app/report_lookup.html"
REFUSED_TEMPLATE = "conduct_app/report_refused.html"
# What a reporter sees of their report.
PUBLIC_FIELDS = (
    "code",
    "received_at",
    "category",
    "status",
    "action_taken",
    "public_outcome",
    "closed_at",
    "handler_unit__name",
)


def _render(page, request, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return response


def _initial(request: HttpRequest) -> dict:
    """Prefill from a link such as the channel check's "report this page" button."""
    initial = {}
    url = request.GET.get("url", "").strip()
    if url:
        initial["urls"] = url[:1000]
    category = request.GET.get("loai", "")
    if category in Category.values:
        initial["category"] = category
    return initial


def report_form(page: IncidentReportPage, request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD, POST"
        return response
    if request.method != "POST":
        form = PublicReportForm(initial=_initial(request))
        return _render(page, request, FORM_TEMPLATE, {"form": form})

    if rate_limit.is_limited(request):
        response = _render(
            page,
            request,
            REFUSED_TEMPLATE,
            {
                "heading": _("Bạn đã gửi nhiều phản ánh trong một giờ"),
                "message": _(
                    "Để chống gửi tự động, mỗi địa chỉ mạng chỉ gửi được %(limit)d phản ánh "
                    "trong một giờ. Vui lòng thử lại sau, hoặc gọi đường dây nóng nếu việc "
                    "cần xử lý gấp."
                )
                % {"limit": rate_limit.limit_per_hour()},
            },
            status=429,
        )
        response["Retry-After"] = str(rate_limit.WINDOW_SECONDS)
        return response
    if PublicReportForm.is_bot(request.POST):
        rate_limit.count_report(request)
        return _render(
            page,
            request,
            REFUSED_TEMPLATE,
            {
                "heading": _("Không tiếp nhận được phản ánh"),
                "message": _(
                    "Biểu mẫu có một ô phải để trống nhưng đã được điền. Nếu bạn không dùng "
                    "công cụ tự động, vui lòng tải lại trang và gửi lại."
                ),
            },
            status=400,
        )
    form = PublicReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(page, request, FORM_TEMPLATE, {"form": form}, status=400)
    report = file_report(form.submission(), source=Source.PUBLIC)
    rate_limit.count_report(request)
    # Post/redirect/get: reloading the result page does not file the report again.
    query = urlencode({"ma": report.code, "moi": 1})
    target = f"{page.url}{page.reverse_subpage('lookup')}?{query}"
    return HttpResponseRedirect(target, status=303)


def _lookup_refused(page, request: HttpRequest, typed: str) -> HttpResponse:
    context = {
        "code": typed,
        "report": None,
        "error": _(
            "Đã gửi nhiều lần tra cứu không thành công từ địa chỉ mạng này. Vui lòng thử lại "
            "sau một giờ, hoặc gọi đường dây nóng."
        ),
        "just_filed": False,
    }
    response = _render(page, request, LOOKUP_TEMPLATE, context, status=429)
    response["Retry-After"] = str(rate_limit.WINDOW_SECONDS)
    return response


def lookup(page: IncidentReportPage, request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("ma", "").strip()[:40]
    context: dict = {
        "code": typed,
        "report": None,
        "error": "",
        "just_filed": False,
        "example": tracking_codes.EXAMPLE,
    }
    status = 200
    if typed:
        if rate_limit.lookups_limited(request):
            response = _lookup_refused(page, request, typed)
            patch_cache_control(response, private=True, no_store=True)
            return response
        code = tracking_codes.normalise(typed)
        report = None
        if code is not None:
            # Only what the reporter may see is loaded: nothing private reaches the template.
            report = (
                IncidentReport.objects.filter(code=code)
                .select_related("handler_unit")
                .only(*PUBLIC_FIELDS)
                .first()
            )
        if report is None:
            # A code never issued and a mistyped one get the same answer, so the answer
            # tells nothing about which codes exist; failures count against the address.
            rate_limit.count_failed_lookup(request)
            context["error"] = _(
                "Không tìm thấy phản ánh có mã “%(code)s”. Mã phản ánh có dạng "
                "PA.năm-tháng-ngày.5 ký tự, ví dụ %(example)s; có thể gõ chữ thường, "
                "không cần dấu chấm."
            ) % {"code": typed, "example": tracking_codes.EXAMPLE}
            status = 404
        else:
            context["code"] = report.code
            context["report"] = report
            context["just_filed"] = request.GET.get("moi") == "1"
    response = _render(page, request, LOOKUP_TEMPLATE, context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def channel_context(page: OfficialChannelIndexPage, request: HttpRequest) -> dict:
    """The registry grouped by unit, and the result of checking `?url=`."""
    channels = list(OfficialChannel.objects.active().select_related("unit"))
    groups: dict[int, dict] = {}
    for channel in channels:
        groups.setdefault(channel.unit_id, {"unit": channel.unit, "channels": []})
        groups[channel.unit_id]["channels"].append(channel)
    context = {
        "channel_groups": list(groups.values()),
        "checked_url": "",
        "check_error": "",
        "match": None,
        "report_url": "",
    }
    url = request.GET.get("url", "").strip()[:1000]
    if not url:
        return context
    context["checked_url"] = url
    try:
        key = normalise_url(url)
    except ValueError:
        context["check_error"] = _("“%(url)s” không phải đường dẫn hợp lệ.") % {"url": url[:80]}
        return context
    context["match"] = next((c for c in channels if c.normalized_url == key), None)
    if context["match"] is None:
        from conduct_app.models import IncidentReportPage

        report_page = IncidentReportPage.objects.live().first()
        if report_page is not None:
            query = urlencode({"url": url, "loai": Category.IMPERSONATION})
            context["report_url"] = f"{report_page.url}?{query}"
    return context
