"""The leaders' dashboard "Tiến độ thực hiện": who sees it, the matrix, filters, exports
(CSV, XLSX), the PDF report per directive, and a query count that does not grow with
units, directives or evidence."""

import csv
import datetime
import io
import subprocess

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from progress_data import build
from reporting import prepared

from directives_app.models import ComplianceReport, DirectivePage, ReportStatus

DASHBOARD = "/admin/tien-do/"
SEED = "972/UBND-VHTT"


def seed() -> DirectivePage:
    return DirectivePage.objects.get(symbol=SEED)


def pdf_url(directive) -> str:
    return f"/admin/tien-do/{directive.pk}/pdf/"


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    content = body(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


# -- access -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["lanhdao", "thamdinh", "admin"])
def test_leaders_reviewers_and_superusers_see_the_dashboard(client_for, username):
    response = client_for(username).get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tiến độ thực hiện" in html
    assert SEED in html and "Xã Ia Bă" in html
    report = ComplianceReport.objects.get(directive__symbol=SEED, unit__code="xa-ia-ba")
    cell = f"/admin/bao-cao/{report.pk}/tham-dinh/"
    assert f'href="{cell}"' in html
    # the drill-down opens for a leader (read-only: results, evidence, history)
    assert client_for(username).get(cell).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["xa-ia-ba.truong", "xa-ia-ba.canbo", "bientap"])
def test_unit_staff_and_editors_get_403(client_for, username):
    client = client_for(username)
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    assert "không có quyền xem tiến độ" in response.content.decode()
    assert client.get(DASHBOARD + "?export=csv").status_code == 403
    assert client.get(pdf_url(seed())).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_menu_item_only_for_those_who_may_see_it(client_for):
    # The sidebar is drawn from JSON props: the item's URL appears there as a string.
    assert '"/admin/tien-do/"' in client_for("lanhdao").get("/admin/").content.decode()
    assert "/admin/tien-do/" not in client_for("xa-ia-ba.truong").get("/admin/").content.decode()


# -- matrix -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_matrix_shows_statuses_in_words_with_legend_and_totals(client_for, post_report, report):
    future = timezone.localdate() + datetime.timedelta(days=30)
    ComplianceReport.objects.filter(pk=report.pk).update(due_date=future)
    assert post_report("xa-ia-ba.truong", report, submit=True).status_code == 302
    html = client_for("lanhdao").get(DASHBOARD).content.decode()
    for label in (
        "Chưa thực hiện",
        "Đang soạn",
        "Chờ thẩm định",
        "Bị trả lại",
        "Đã chấp nhận",
        "Quá hạn",
    ):
        assert label in html  # the legend names every status
    assert 'class="cell status--submitted"' in html
    assert "Xã Ia Bă – 972/UBND-VHTT: Chờ thẩm định" in html
    assert 'class="cell status--overdue"' in html
    assert "Tổng của văn bản" in html and "Tổng của đơn vị" in html
    # the overdue list has Xã Ia O's report of the seed letter, not Xã Ia Bă's
    overdue_rows = html.split('id="overdue-title"', 1)[1].split("<tr>")[2:]
    seed_rows = [row for row in overdue_rows if f"<td>{SEED} –" in row]
    assert any("Xã Ia O" in row for row in seed_rows)
    assert not any("Xã Ia Bă" in row for row in seed_rows)


@pytest.mark.django_db
def test_filters_by_year_type_issuer_and_unit_kind(client_for):
    client = client_for("lanhdao")
    by_year = client.get(DASHBOARD + "?nam=2022").content.decode()
    assert "1/KH-UBND" in by_year and SEED not in by_year
    by_type = client.get(DASHBOARD + "?loai=ke_hoach").content.decode()
    assert "1/KH-UBND" in by_type and SEED not in by_type
    communes = client.get(DASHBOARD + "?loai_don_vi=commune").content.decode()
    assert "Xã Ia Bă" in communes and "Phòng Văn hóa và Thông tin" not in communes
    agencies = client.get(DASHBOARD + "?loai_don_vi=agency").content.decode()
    assert "Phòng Văn hóa và Thông tin" in agencies and "Xã Ia Bă" not in agencies
    issuer = seed().issuer_id
    assert SEED in client.get(DASHBOARD + f"?co_quan={issuer}").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?nam=abc", "?loai=khong-co", "?co_quan=999999", "?p=999", "?p=x", "?export=pdf"]
)
def test_bad_parameters_never_break_the_page(client_for, query):
    assert client_for("lanhdao").get(DASHBOARD + query).status_code == 200


@pytest.mark.django_db
def test_results_fragment_for_filter_refresh(client_for):
    response = client_for("lanhdao").get("/admin/tien-do/ket-qua/?loai=ke_hoach")
    assert response.status_code == 200
    assert "1/KH-UBND" in response.content.decode()


# -- exports ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_export_one_row_per_report(client_for, post_report, report):
    assert post_report("xa-ia-ba.truong", report, submit=True).status_code == 302
    report.refresh_from_db()
    response = prepared(client_for("lanhdao"), DASHBOARD + "?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "tien-do-thuc-hien-" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Số, ký hiệu",
        "Ngày ban hành",
        "Trích yếu",
        "Đơn vị",
        "Trạng thái",
        "Hạn báo cáo",
        "Gửi lúc",
        "Thẩm định lúc",
    ]
    open_reports = ComplianceReport.objects.exclude(status=ReportStatus.WITHDRAWN)
    assert len(rows) - 1 == open_reports.count()
    ia_ba = next(row for row in rows if row[0] == SEED and row[3] == "Xã Ia Bă")
    assert ia_ba[4] == "Chờ thẩm định"
    assert ia_ba[5] == f"{report.due_date:%d/%m/%Y}"
    assert ia_ba[6] == f"{timezone.localtime(report.submitted_at):%d/%m/%Y %H:%M}"
    ia_o = next(row for row in rows if row[0] == SEED and row[3] == "Xã Ia O")
    assert ia_o[4] == "Quá hạn"  # derived: open and past its due date
    filtered = csv_rows(prepared(client_for("lanhdao"), DASHBOARD + "?export=csv&loai=ke_hoach"))
    assert {row[0] for row in filtered[1:]} == {"1/KH-UBND"}


@pytest.mark.django_db
def test_xlsx_export_opens_with_openpyxl(client_for):
    response = prepared(client_for("thamdinh"), DASHBOARD + "?export=xlsx&nam=2021")
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Đơn vị", "Trạng thái")
    expected = ComplianceReport.objects.filter(directive__issued_year=2021).exclude(
        status=ReportStatus.WITHDRAWN
    )
    assert len(rows) - 1 == expected.count()
    ia_ba = next(row for row in rows if row[0] == SEED and row[3] == "Xã Ia Bă")
    assert ia_ba[4] == "Quá hạn"
    assert isinstance(ia_ba[5], datetime.date)  # a real date cell, not text


# -- PDF report per directive -----------------------------------------------------------


@pytest.mark.django_db
def test_pdf_report_in_decree_layout_lists_late_units(client_for, report, other_report, tmp_path):
    future = timezone.localdate() + datetime.timedelta(days=30)
    ComplianceReport.objects.filter(pk=report.pk).update(due_date=future)
    ComplianceReport.objects.filter(pk=other_report.pk).update(
        status=ReportStatus.ACCEPTED, submitted_at=timezone.now(), decided_at=timezone.now()
    )
    response = prepared(client_for("lanhdao"), pdf_url(seed()))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(body(response), tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện Công văn số 972/UBND-VHTT" in text
    accepted = ComplianceReport.objects.filter(
        directive__symbol=SEED, status=ReportStatus.ACCEPTED
    ).count()
    assert "Số đơn vị được giao báo cáo: 29" in text
    assert f"Đã được chấp nhận kết quả: {accepted} đơn vị ({round(100 * accepted / 29)}%)" in text
    late = text.split("III. CÁC ĐƠN VỊ CHẬM BÁO CÁO", 1)[1].split("Nơi nhận", 1)[0]
    assert "Xã Ia Chía: chưa gửi báo cáo, hạn" in late
    assert "Xã Ia Bă" not in late  # due in the future
    assert "Xã Ia O: gửi báo cáo ngày" in late  # accepted, but sent after the due date
    table = text.split("II. KẾT QUẢ CỦA TỪNG ĐƠN VỊ", 1)[1].split("III.", 1)[0]
    assert "Xã Ia Bă Chưa thực hiện" in table


@pytest.mark.django_db
def test_pdf_report_404_for_unknown_or_unreported_directive(client_for):
    client = client_for("lanhdao")
    assert client.get("/admin/tien-do/999999/pdf/").status_code == 404
    notice = DirectivePage.objects.get(symbol="2/TB-UBND")  # requires no reports
    assert client.get(pdf_url(notice)).status_code == 404


# -- queries ----------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code in (200, 302), response.content.decode()[:300]
    if response.streaming:
        b"".join(response.streaming_content)
    return len(context.captured_queries)


@pytest.mark.django_db
def test_query_count_constant_in_units_directives_and_evidence(client_for):
    build(units=5, directives=5, year=2031, evidence_per_report=1)
    build(units=50, directives=50, year=2032, evidence_per_report=3)
    client = client_for("lanhdao")
    count_queries(client, DASHBOARD + "?nam=2031")  # warm-up: per-process caches
    small = count_queries(client, DASHBOARD + "?nam=2031")
    large = count_queries(client, DASHBOARD + "?nam=2032")
    assert small == large, (small, large)
    assert large <= 30
    html = client.get(DASHBOARD + "?nam=2032").content.decode()
    assert html.count('class="cell status--') == 50 * 20  # 50 units × one page of 20
    second_page = client.get(DASHBOARD + "?nam=2032&p=3").content.decode()
    assert second_page.count('class="cell status--') == 50 * 10
    assert count_queries(client, DASHBOARD + "?nam=2031&export=csv") == count_queries(
        client, DASHBOARD + "?nam=2032&export=csv"
    )
