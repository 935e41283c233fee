"""Statistics for leaders on a known set of reports: counts by category, platform, status
and month (in local time), time to first action, the exports and the monthly PDF."""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from conduct_app.incidents.statistics import incident_statistics, month_range
from conduct_app.models import IncidentReport

STATS_URL = "/admin/thong-ke-phan-anh/"
PDF_URL = "/admin/thong-ke-phan-anh/bao-cao-thang/"


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())


# (category, platform, status, received, first action)
FIXTURE = [
    ("impersonation", "facebook", "resolved", local(2025, 3, 3, 8, 0), local(2025, 3, 3, 10, 0)),
    ("scam", "zalo", "in_progress", local(2025, 3, 10, 9, 0), local(2025, 3, 11, 9, 0)),
    ("false_information", "tiktok", "assigned", local(2025, 3, 20, 14, 0), None),
    # Late evening of 31 March in Vietnam: still March, although it is 16:30 UTC.
    ("false_information", "facebook", "dismissed", local(2025, 3, 31, 23, 30), None),
    # Just after midnight on 1 April in Vietnam, 31 March in UTC: April.
    ("other", "website", "assigned", local(2025, 4, 1, 0, 30), local(2025, 4, 3, 0, 30)),
    ("offensive", "youtube", "duplicate", local(2025, 2, 28, 23, 0), local(2025, 3, 1, 1, 0)),
]


@pytest.fixture
def known_reports(make_report):
    reports = []
    for number, (category, platform, status, received, first) in enumerate(FIXTURE):
        report = make_report(
            category=category,
            platform=platform,
            urls=[f"https://example.vn/thong-ke/{number}"],
            impersonated="Ai đó" if category == "impersonation" else "",
        )
        IncidentReport.objects.filter(pk=report.pk).update(
            status=status, received_at=received, first_action_at=first
        )
        reports.append(report)
    return reports


def counts(rows) -> dict[str, int]:
    return {row.key: row.count for row in rows}


@pytest.mark.django_db
def test_monthly_numbers_on_a_known_fixture(known_reports):
    stats = incident_statistics(*month_range(2025, 3))
    assert stats.total == 4
    assert counts(stats.by_category) == {
        "false_information": 2,
        "impersonation": 1,
        "anti_state": 0,
        "scam": 1,
        "offensive": 0,
        "other": 0,
    }
    assert counts(stats.by_platform) == {
        "facebook": 2,
        "zalo": 1,
        "tiktok": 1,
        "youtube": 0,
        "website": 0,
        "other": 0,
    }
    assert counts(stats.by_status) == {
        "new": 0,
        "assigned": 1,
        "in_progress": 1,
        "resolved": 1,
        "dismissed": 1,
        "duplicate": 0,
    }
    assert {row.label: row.count for row in stats.by_unit} == {
        "Công an huyện Ia Grai": 2,
        "Phòng Văn hóa và Thông tin": 2,
    }
    assert counts(stats.by_month) == {"2025-03": 4}
    first = stats.first_action
    assert (first.count, first.pending, first.within_24h) == (2, 2, 2)
    assert (first.median_hours, first.mean_hours) == (13.0, 13.0)
    assert next(r for r in stats.by_category if r.key == "false_information").share == "50,0 %"


@pytest.mark.django_db
def test_yearly_numbers_by_month(known_reports):
    stats = incident_statistics(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert stats.total == 6
    by_month = counts(stats.by_month)
    assert len(by_month) == 12
    assert (by_month["2025-02"], by_month["2025-03"], by_month["2025-04"]) == (1, 4, 1)
    assert by_month["2025-01"] == by_month["2025-12"] == 0
    first = stats.first_action
    # 2 h, 24 h, 48 h (April), 2 h (February) → median 13 h, mean 19 h.
    assert (first.count, first.median_hours, first.mean_hours, first.within_24h) == (
        4,
        13.0,
        19.0,
        3,
    )


@pytest.mark.django_db
def test_leaders_see_the_numbers(client_for, known_reports):
    html = client_for("lanhdao").get(STATS_URL, {"nam": 2025, "thang": 3}).content.decode()
    assert '<span id="stat-total">4</span>' in html
    assert (
        '<tr data-key="false_information"><td>Thông tin sai sự thật</td><td class="count">2</td>'
        in html
    )
    assert "trung vị 13,0 giờ" in html or "trung vị 13.0 giờ" in html
    assert "Báo cáo tháng (PDF)" in html


@pytest.mark.django_db
def test_the_statistics_export_as_csv_and_xlsx(client_for, known_reports):
    client = client_for("lanhdao")
    response = client.get(STATS_URL, {"nam": 2025, "thang": 3, "export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-phan-anh-2025-03.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Nhóm", "Mục", "Số phản ánh", "Tỉ lệ"]
    assert ["Loại vi phạm", "Thông tin sai sự thật", "2", "50,0 %"] in rows
    assert ["Nền tảng", "Zalo", "1", "25,0 %"] in rows
    assert ["Trạng thái", "Đã xử lý", "1", "25,0 %"] in rows
    assert ["Tháng", "Tháng 3/2025", "4", "100,0 %"] in rows

    response = client.get(STATS_URL, {"nam": 2025, "thang": 3, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Loại vi phạm", "Thông tin sai sự thật", 2, "50,0 %"] in values


@pytest.mark.django_db
def test_the_monthly_report_is_an_official_pdf(client_for, known_reports, tmp_path: Path):
    response = client_for("lanhdao").get(PDF_URL, {"nam": 2025, "thang": 3})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "bao-cao-phan-anh-2025-03.pdf" in response["Content-Disposition"]
    # Sent like every rendered official PDF (directives_app.register.pdf.pdf_response): leaders-only
    # figures, so no shared cache keeps them.
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert response["X-Content-Type-Options"] == "nosniff"
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(response.content)
    layout = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    reading = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    # Reading order, whitespace folded: the header's columns wrap their lines.
    text = " ".join(reading.split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND HUYỆN IA GRAI",
        "PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "BÁO CÁO",
        "tháng 3 năm 2025",
        "Số: /BC-VHTT",
        "Nơi nhận:",
        "TRƯỞNG PHÒNG",
        "tiếp nhận 4 phản ánh",
    ):
        assert expected in text, expected
    # Table rows keep their cells on one line in the layout text.
    assert any("Thông tin sai sự thật" in line and " 2 " in line for line in layout.splitlines())
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Liberation-Serif" in fonts or "Times" in fonts


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        (STATS_URL, {"nam": "abc"}, "Năm không hợp lệ."),
        (STATS_URL, {"nam": "2025", "thang": "13"}, "Tháng phải từ 1 đến 12."),
        (PDF_URL, {"nam": "2025"}, "Chọn tháng cần báo cáo."),
        (PDF_URL, {"nam": "1800", "thang": "1"}, "Năm không hợp lệ."),
    ],
)
def test_a_wrong_period_gets_a_400_and_a_message(client_for, url, params, message):
    response = client_for("lanhdao").get(url, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["congan", "vanhoa", "xa-ia-ba.truong"])
def test_statistics_are_for_leaders(client_for, username):
    client = client_for(username)
    for url in (STATS_URL, PDF_URL + "?nam=2025&thang=3"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.get("Content-Type", "").startswith("text/html")


@pytest.mark.django_db
def test_statistics_run_the_same_queries_for_few_or_many_reports(client_for, make_report):
    client = client_for("lanhdao")
    make_report(urls=["https://example.vn/s0"])
    client.get(STATS_URL)
    with CaptureQueriesContext(connection) as few:
        client.get(STATS_URL)
    for number in range(1, 10):
        make_report(urls=[f"https://example.vn/s{number}"], category="scam")
    with CaptureQueriesContext(connection) as many:
        client.get(STATS_URL)
    assert len(many) == len(few)
