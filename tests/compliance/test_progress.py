"""The public progress page /van-ban/<slug>/tien-do/: share accepted, each unit's status
and dates, never evidence or reviewers' comments, always current, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from progress_data import build
from reporting import jpeg, review_data, review_url

from directives_app.models import ComplianceReport, DirectivePage, ReportStatus

SEED = "972/UBND-VHTT"


def progress_url(page: DirectivePage) -> str:
    return page.url + "tien-do/"


def row_of(html: str, unit_name: str) -> str:
    return html.split(f'<th scope="row">{unit_name}</th>', 1)[1].split("</tr>", 1)[0]


@pytest.mark.django_db
def test_public_progress_shows_statuses_but_no_evidence_or_comments(
    client, client_for, post_report, report
):
    # due in the future: a returned report is then "returned", not "overdue"
    future = timezone.localdate() + datetime.timedelta(days=30)
    ComplianceReport.objects.filter(pk=report.pk).update(due_date=future)
    submitted = post_report(
        "xa-ia-ba.truong",
        report,
        submit=True,
        new_caption="Ảnh hội nghị nội bộ",
        new_photos=[jpeg("hoi-nghi-noi-bo.jpg")],
        new_links="https://zalo.me/iaba/bai-mat | Bài đăng nội bộ",
    )
    assert submitted.status_code == 302
    returned = client_for("thamdinh").post(
        review_url(report),
        review_data(
            report,
            action="reject",
            **{
                "reject-checklist": ["Thiếu đường dẫn bài đăng trên kênh thông tin"],
                "reject-comment": "Nhận xét riêng của người thẩm định cho xã.",
            },
        ),
    )
    assert returned.status_code == 302
    page = DirectivePage.objects.get(symbol=SEED)
    response = client.get(progress_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tiến độ thực hiện" in html and SEED in html
    accepted = ComplianceReport.objects.filter(directive=page, status=ReportStatus.ACCEPTED).count()
    assert f"{accepted}/29 đơn vị đã được chấp nhận kết quả" in html
    assert "Bị trả lại" in row_of(html, "Xã Ia Bă")
    assert "Quá hạn" in row_of(html, "Xã Ia O")
    for secret in (
        "hoi-nghi-noi-bo",
        "Ảnh hội nghị nội bộ",
        "zalo.me/iaba",
        "Bài đăng nội bộ",
        "Nhận xét riêng",
        "Thiếu đường dẫn bài đăng",
        "/tep/minh-chung/",
        "xa-ia-ba.truong",
    ):
        assert secret not in html, secret


@pytest.mark.django_db
def test_share_accepted_and_dates(client, other_report):
    ComplianceReport.objects.filter(pk=other_report.pk).update(status=ReportStatus.ACCEPTED)
    accepted = ComplianceReport.objects.filter(
        directive=other_report.directive, status=ReportStatus.ACCEPTED
    ).count()
    html = client.get(progress_url(other_report.directive)).content.decode()
    percent = round(100 * accepted / 29)
    assert f"{accepted}/29 đơn vị đã được chấp nhận kết quả ({percent}%)" in html
    assert f'<progress max="29" value="{accepted}"' in html
    assert "Đã chấp nhận" in row_of(html, "Xã Ia O")
    assert f"{other_report.due_date:%d/%m/%Y}" in row_of(html, "Xã Ia O")


@pytest.mark.django_db
def test_page_is_never_served_stale_from_the_page_cache(client, report):
    url = progress_url(report.directive)
    first = client.get(url)
    assert "private" in first["Cache-Control"]
    assert "Quá hạn" in row_of(first.content.decode(), "Xã Ia Bă")
    ComplianceReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    second = client.get(url)
    assert "X-Page-Cache" not in second
    assert "Đã chấp nhận" in row_of(second.content.decode(), "Xã Ia Bă")


@pytest.mark.django_db
def test_directive_page_links_to_progress_only_when_reports_are_required(client):
    seed = DirectivePage.objects.get(symbol=SEED)
    assert f'href="{progress_url(seed)}"' in client.get(seed.url).content.decode()
    notice = DirectivePage.objects.get(symbol="2/TB-UBND")
    assert "tien-do/" not in client.get(notice.url).content.decode()
    missing = client.get(progress_url(notice))
    assert missing.status_code == 404


@pytest.mark.django_db
def test_query_count_constant_in_units_and_evidence():
    small, _units = build(units=5, directives=1, year=2031, evidence_per_report=1)
    large, _units = build(units=50, directives=1, year=2032, evidence_per_report=5)
    client = Client()

    def count(page) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(progress_url(page))
        assert response.status_code == 200
        return len(context.captured_queries)

    count(small[0])  # warm-up: per-process caches (site root paths, content types)
    assert count(small[0]) == count(large[0])
    html = client.get(progress_url(large[0])).content.decode()
    assert html.count('<th scope="row">') == 50
    assert "minh chứng bí mật" not in html and "example.gov.vn/bai" not in html
