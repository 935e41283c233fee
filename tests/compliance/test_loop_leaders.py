"""The compliance loop as leaders and everyone else see it (issue 14): the leaders' landing
and read-only view, local times on every screen, the guides, and the screens in English."""

import datetime
import re
import subprocess

import pytest
from reporting import edit_url, jpeg, prepared, returned, review_url, text_of

from directives_app.models import ComplianceReport, ReportStatus

HEAD, REVIEWER, LEADER = "xa-ia-ba.truong", "thamdinh", "lanhdao"
# 04:07 UTC is 11:07 in Hà Nội (UTC+7, no daylight saving).
MOMENT = datetime.datetime(2026, 12, 2, 4, 7, tzinfo=datetime.UTC)


# -- item 9: leaders -------------------------------------------------------------------------


@pytest.mark.django_db
def test_leader_lands_on_the_matrix_with_labelled_exports(client_for):
    html = text_of(client_for(LEADER).get("/admin/"))
    first_panel = html.index('class="w-panel leader-progress"')
    assert first_panel < html.index("Bộ quy tắc")  # before the Code-of-Conduct notice
    assert 'class="progress-matrix"' in html
    assert "Tải XLSX" in html and "Tải CSV" in html
    assert "/admin/tien-do/?export=xlsx" in html or "export=xlsx" in html


@pytest.mark.django_db
def test_dashboard_exports_are_visible_buttons_and_directive_filter(client_for, report):
    client = client_for(LEADER)
    html = text_of(client.get("/admin/tien-do/"))
    header = html[: html.index("progress-matrix")]
    assert "Tải XLSX" in header and "Tải CSV" in header
    assert 'name="van_ban"' in html
    assert "Xã, phường, thị trấn" in html
    filtered = text_of(client.get(f"/admin/tien-do/?van_ban={report.directive_id}"))
    assert "972/UBND-VHTT" in filtered
    assert "971/UBND-VHTT" not in filtered.split('class="progress-matrix"')[1].split("</table>")[0]


@pytest.mark.django_db
def test_commune_filter_covers_towns(client_for):
    html = text_of(client_for(LEADER).get("/admin/tien-do/?loai_don_vi=commune"))
    matrix = html.split('class="progress-matrix"')[1].split("</table>")[0]
    assert "Xã Ia Bă" in matrix
    assert "Thị trấn Ia Kha" in matrix
    assert "Công an huyện" not in matrix


@pytest.mark.django_db
def test_leader_reads_a_report_read_only_with_evidence_and_history(post_report, report, client_for):
    returned(post_report, report, client_for)
    assert (
        post_report(HEAD, report, submit=True, new_photos=[jpeg("bo-sung.jpg")]).status_code == 302
    )
    response = client_for(LEADER).get(review_url(report))
    assert response.status_code == 200
    html = text_of(response)
    assert "Chế độ xem" in html
    assert "Đã tuyên truyền trên loa và Zalo." in html
    assert "bo-sung.jpg" in html
    for step in ("Gửi báo cáo", "Trả lại để bổ sung", "Gửi lại báo cáo"):
        assert step in html
    assert "Ảnh không rõ, không đúng nội dung" in html
    assert '<form method="post" class="review-form' not in html
    # a leader cannot decide
    refused = client_for(LEADER).post(review_url(report), {"action": "approve"})
    assert refused.status_code in (200, 400, 403, 405)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # unit staff still get 404 here
    assert client_for(HEAD).get(review_url(report)).status_code == 404


# -- item 7: local time everywhere ------------------------------------------------------------


@pytest.mark.django_db
def test_times_in_ho_chi_minh_on_every_screen(post_report, report, client_for, tmp_path):
    assert post_report(HEAD, report, submit=True).status_code == 302
    ComplianceReport.objects.filter(pk=report.pk).update(submitted_at=MOMENT)
    inspect = text_of(
        client_for(LEADER).get(
            f"/admin/snippets/directives_app/compliancereport/inspect/{report.pk}/"
        )
    )
    review = text_of(client_for(REVIEWER).get(review_url(report)))
    queue = text_of(client_for(REVIEWER).get("/admin/"))
    for html in (inspect, review, queue):
        assert "11:07 02/12/2026" in html
        assert "04:07" not in html
    csv = prepared(client_for(LEADER), "/admin/tien-do/?export=csv")
    body = (
        b"".join(csv.streaming_content).decode("utf-8-sig")
        if csv.streaming
        else csv.content.decode("utf-8-sig")
    )
    assert "02/12/2026 11:07" in body and "04:07" not in body
    # The receipt PDF the unit downloads says the same moment.
    receipt = client_for(HEAD).get(f"/admin/bao-cao/{report.pk}/phieu-xac-nhan/")
    assert receipt.status_code == 200
    text = pdf_text(receipt.content, tmp_path)
    assert "11:07" in text and "04:07" not in text


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.mark.django_db
def test_public_pages_give_times_in_ho_chi_minh(client):
    from iagrai_cms.models import ArticlePage

    article = ArticlePage.objects.live().first()
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=MOMENT)
    html = client.get(article.url).content.decode()
    assert 'content="2026-12-02T11:07:00+07:00"' in html


# -- item 12: the guides ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "audience", "words"),
    [
        (HEAD, "unit", ("Gửi báo cáo", "Bị trả lại – cần bổ sung", "Lưu nháp", "Xem thêm")),
        (REVIEWER, "review", ("Mở PDF", "Trả lại báo cáo", "Chấp nhận báo cáo", "Mở đường dẫn")),
    ],
)
def test_guides_say_what_the_screens_say(client_for, username, audience, words):
    response = client_for(username).get(f"/admin/huong-dan/{audience}/")
    assert response.status_code == 200
    html = text_of(response)
    for word in words:
        assert word in html
    for image in re.findall(r'src="(/static/directives_app/guides/[^"]+)"', html):
        from django.contrib.staticfiles import finders

        assert finders.find(image.removeprefix("/static/")), image
    assert client_for(username).get("/admin/huong-dan/khac/").status_code == 404


# -- every screen touched opens in English too -----------------------------------------------


@pytest.mark.django_db
def test_screens_touched_open_for_users_who_chose_english(post_report, report, client_for):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    for username in (HEAD, REVIEWER, LEADER):
        profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
        profile.preferred_language = "en"
        profile.save()
    assert post_report(HEAD, report, submit=True).status_code == 302
    pages = {
        HEAD: ["/admin/", edit_url(report), "/admin/huong-dan/unit/"],
        REVIEWER: ["/admin/", review_url(report), "/admin/huong-dan/review/"],
        LEADER: ["/admin/", review_url(report), "/admin/tien-do/"],
    }
    for username, urls in pages.items():
        client = client_for(username)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url)
            assert '<html lang="en"' in response.content.decode(), (username, url)
