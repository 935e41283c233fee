"""The compliance loop as its people use it (issue 14): what a refused submission says,
the report screen's actions and words, one state per report, the unit's panel, the
reviewer's evidence, the leaders' read-only view and landing, and local times."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from reporting import (
    edit_url,
    jpeg,
    report_form,
    returned,
    review_url,
    text_of,
)

from directives_app.models import ComplianceReport, Evidence, ReportStatus

HEAD, OFFICER, REVIEWER, LEADER = "xa-ia-ba.truong", "xa-ia-ba.canbo", "thamdinh", "lanhdao"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# 04:07 UTC is 11:07 in Hà Nội (UTC+7, no daylight saving).
MOMENT = datetime.datetime(2026, 12, 2, 4, 7, tzinfo=datetime.UTC)


def task_ids(report) -> list[int]:
    return [result.task_id for result in report.results.all()]


def blank_results(report) -> dict:
    data = report_form(report)
    for task_id in task_ids(report):
        data[f"result_{task_id}_outcome"] = ""
        data[f"result_{task_id}_text"] = ""
    return data


# -- item 2: an incomplete report is not sent ---------------------------------------------


@pytest.mark.django_db
def test_empty_report_is_refused_with_the_list_of_what_is_missing(client_for, report):
    data = blank_results(report)
    data["summary"] = ""
    data["action-submit"] = "1"
    response = client_for(HEAD).post(edit_url(report), data)
    assert response.status_code == 400
    html = text_of(response)
    assert "Chưa gửi được báo cáo. Còn thiếu:" in html
    # numbered as in the letter: the seed letter gives communes tasks 1 and 4
    assert "Nhiệm vụ 1: chưa chọn kết quả thực hiện." in html
    assert "Nhiệm vụ 4: chưa chọn kết quả thực hiện." in html
    assert "Chưa có minh chứng: thêm ít nhất một ảnh, tệp hoặc đường dẫn." in html
    report.refresh_from_db()
    assert report.status == ReportStatus.NOT_STARTED
    assert report.latest_revision_id is None  # nothing saved, nothing submitted
    assert not report.workflow_states.exists()
    assert not Evidence.objects.filter(report=report).exists()


@pytest.mark.django_db
def test_text_and_reason_required_and_the_photo_of_a_refused_submission_is_not_kept(
    client_for, report
):
    first, fourth = task_ids(report)
    data = report_form(report, new_photos=[jpeg("hoi-nghi.jpg")])
    data.update(
        {
            f"result_{first}_outcome": "done",
            f"result_{first}_text": "  ",
            f"result_{fourth}_outcome": "not_done",
            f"result_{fourth}_text": "",
            "action-submit": "1",
        }
    )
    response = client_for(HEAD).post(edit_url(report), data)
    assert response.status_code == 400
    html = text_of(response)
    assert "Nhiệm vụ 1: chưa ghi nội dung đã thực hiện." in html
    assert "Nhiệm vụ 4: chưa ghi lý do chưa thực hiện." in html
    assert "Chưa có minh chứng" not in html  # the photo counts
    report.refresh_from_db()
    assert report.status == ReportStatus.NOT_STARTED
    assert not Evidence.objects.filter(report=report).exists()


@pytest.mark.django_db
def test_every_task_not_done_with_reasons_needs_no_evidence(client_for, report):
    data = report_form(report)
    for task_id in task_ids(report):
        data[f"result_{task_id}_outcome"] = "not_done"
        data[f"result_{task_id}_text"] = "Chưa bố trí được kinh phí in tờ rơi."
    data["action-submit"] = "1"
    response = client_for(HEAD).post(edit_url(report), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_rule_counts_stored_evidence_and_a_draft_is_still_saved(client_for, report):
    # A draft with missing parts saves; the rule applies to sending only.
    draft = blank_results(report)
    draft["new_links"] = "https://facebook.com/xaiaba/posts/1 | Bài đăng"
    assert client_for(OFFICER).post(edit_url(report), draft).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    stored = ComplianceReport.objects.get(pk=report.pk)
    missing = stored.missing_for_submission()
    assert "Nhiệm vụ 1: chưa chọn kết quả thực hiện." in missing
    assert not any("minh chứng" in item for item in missing)
    # …and the head sends it once the results are there (the link already counts).
    assert client_for(HEAD).post(edit_url(report), report_form(report, **{"action-submit": "1"}))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert Evidence.objects.filter(report=report).count() == 2  # its link and the form's


# -- item 3: the report screen of a unit head ---------------------------------------------


@pytest.mark.django_db
def test_report_screen_tasks_open_numbered_with_links_and_send_first(client_for, report):
    html = text_of(client_for(HEAD).get(edit_url(report)))
    assert "<strong>1. Các cơ quan, đơn vị thuộc huyện" in html
    assert "<strong>4. " in html
    assert "<strong>. " not in html
    assert "<details>" not in html  # the task text is shown open
    assert "Đơn vị cần thực hiện:" in html
    directive = report.directive
    assert f'href="{directive.url}"' in html and f'href="{directive.url}pdf/"' in html
    # "Gửi báo cáo" is the main button, "Lưu nháp" beside it, with a confirmation
    send = html.index('name="action-submit"')
    assert send < html.index("Lưu nháp")
    assert "Gửi báo cáo" in html
    assert re.search(r'data-report-confirm="Gửi báo cáo này đến nhóm thẩm định “Thẩm định”', html)
    assert "report-form.js" in html  # in a static file: the admin allows no inline script
    for jargon in (
        "Hủy quy trình",
        "Bắt đầu lại quy trình",
        "Gửi duyệt theo",
        "Thẩm định báo cáo kết quả",
    ):
        assert jargon not in html
    # one caption box per chosen file (added by the script) and per saved item
    assert 'data-caption-name="new_photos_caption"' in html
    assert 'name="new_caption"' not in html


@pytest.mark.django_db
def test_report_screen_does_not_autosave(client_for, report):
    # Wagtail's autosave posts the whole form, files included: each one would store the
    # chosen photos again.
    html = client_for(HEAD).get(edit_url(report)).content.decode()
    assert "data-w-autosave-interval-value" not in html
    assert 'data-controller="w-unsaved w-autosave"' not in html


@pytest.mark.django_db
def test_focal_officer_gets_only_the_draft_button(client_for, report):
    html = text_of(client_for(OFFICER).get(edit_url(report)))
    assert 'name="action-submit"' not in html
    assert "Lưu nháp" in html


@pytest.mark.django_db
def test_each_file_gets_its_own_caption_and_saved_captions_can_be_edited(client_for, report):
    data = report_form(
        report,
        new_photos=[jpeg("a.jpg", color=(1, 2, 3)), jpeg("b.jpg", color=(9, 8, 7))],
        new_files=[ContentFile(PDF_BYTES, name="bien-ban.pdf")],
    )
    data["new_photos_caption"] = ["Hội nghị ở thôn 1", "Loa truyền thanh thôn 2"]
    data["new_files_caption"] = ["Biên bản hội nghị"]
    assert client_for(OFFICER).post(edit_url(report), data).status_code == 302
    captions = dict(Evidence.objects.filter(report=report).values_list("original_name", "caption"))
    assert captions == {
        "a.jpg": "Hội nghị ở thôn 1",
        "b.jpg": "Loa truyền thanh thôn 2",
        "bien-ban.pdf": "Biên bản hội nghị",
    }
    photo = Evidence.objects.get(report=report, original_name="a.jpg")
    edit = report_form(report)
    edit[f"caption_{photo.pk}"] = "Hội nghị quán triệt ở thôn 1"
    for other in Evidence.objects.filter(report=report).exclude(pk=photo.pk):
        edit[f"caption_{other.pk}"] = other.caption
    assert client_for(OFFICER).post(edit_url(report), edit).status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Hội nghị quán triệt ở thôn 1"


@pytest.mark.django_db
def test_unit_users_do_not_see_wagtails_reports_menu(client_for):
    head = text_of(client_for(HEAD).get("/admin/"))
    assert '"name": "bao-cao-ket-qua"' in head
    assert '"name": "reports"' not in head
    reviewer = text_of(client_for("admin").get("/admin/"))
    assert '"name": "reports"' in reviewer


# -- item 4: one state, the return's reasons everywhere -----------------------------------


@pytest.mark.django_db
def test_states_in_words_and_overdue_apart(report):
    labels = {
        ReportStatus.NOT_STARTED: "Chưa làm",
        ReportStatus.DRAFT: "Đang soạn",
        ReportStatus.SUBMITTED: "Đã gửi – chờ thẩm định",
        ReportStatus.RETURNED: "Bị trả lại – cần bổ sung",
        ReportStatus.ACCEPTED: "Đã chấp nhận",
    }
    for status, label in labels.items():
        report.status = status
        assert report.state_label == label
    report.status = ReportStatus.RETURNED
    report.due_date = datetime.date(2021, 11, 29)
    assert report.is_overdue()
    assert report.state_label == "Bị trả lại – cần bổ sung"  # not "Quá hạn"


@pytest.mark.django_db
def test_return_shows_on_panel_screen_and_mail(post_report, report, client_for, mailoutbox):
    mailoutbox.clear()
    returned(post_report, report, client_for)
    assert report.status == ReportStatus.RETURNED

    panel = text_of(client_for(HEAD).get("/admin/"))
    card = panel[panel.index(f'data-report="{report.pk}"') :]
    card = card[: card.index("</a>")]
    assert "Bị trả lại – cần bổ sung" in card
    assert "Quá hạn" in card  # the seed letter's due date has passed: a separate mark
    assert "Ảnh không rõ, không đúng nội dung" in card
    assert "Bổ sung ảnh buổi tuyên truyền." in card

    screen = text_of(client_for(HEAD).get(edit_url(report)))
    assert "Bị trả lại – cần bổ sung" in screen
    assert "Ảnh không rõ, không đúng nội dung" in screen
    assert "Gửi lại báo cáo" in screen

    mails = [m for m in mailoutbox if HEAD + "@example.gov.vn" in m.to]
    assert len(mails) == 1
    mail = mails[0]
    assert mail.subject == "Báo cáo được trả lại để bổ sung: Xã Ia Bă – 972/UBND-VHTT"
    assert "được trả lại để bổ sung" in mail.body
    assert "- Ảnh không rõ, không đúng nội dung" in mail.body
    assert "Nhận xét: Bổ sung ảnh buổi tuyên truyền." in mail.body
    assert f"http://testserver{edit_url(report)}" in mail.body
    assert "từ chối" not in (mail.subject + mail.body).lower()
    assert "rejected" not in mail.body


# -- item 5: the unit's panel on a phone ---------------------------------------------------


@pytest.mark.django_db
def test_unit_panel_is_cards_each_a_link(client_for, report):
    html = client_for(HEAD).get("/admin/").content.decode()
    section = html[html.index('class="w-panel unit-tasks"') :]
    section = section[: section.index("</section>")]
    assert "<table" not in section
    assert f'class="unit-tasks__card" href="{edit_url(report)}"' in section
    assert "report.css" in html  # the cards' layout (44 px targets) comes with the panel
    assert "/admin/huong-dan/unit/" in section


# -- item 1: every kind of evidence on the reviewer's screen ------------------------------


def add_evidence(report, name, content_type, body, caption, **extra) -> Evidence:
    evidence = Evidence(
        report=report,
        kind=Evidence.Kind.FILE,
        caption=caption,
        original_name=name,
        sha256=extra.pop("sha256", name.ljust(64, "0")[:64]),
        size=len(body),
        content_type=content_type,
        **extra,
    )
    evidence.file.save(name, ContentFile(body), save=False)
    evidence.save()
    return evidence


@pytest.mark.django_db
def test_reviewer_sees_and_opens_every_kind_of_evidence(
    post_report, report, other_report, client_for
):
    assert (
        post_report(
            HEAD,
            report,
            submit=True,
            new_photos=[jpeg("hop-thon.jpg", exif_time="2026:11:28 08:30:00")],
            new_files=[ContentFile(PDF_BYTES, name="bien-ban.pdf")],
            new_links="https://www.facebook.com/xaiaba/posts/123 | Bài đăng trên Facebook của xã",
            new_photos_caption=["Họp thôn"],
            new_files_caption=["Biên bản"],
        ).status_code
        == 302
    )
    docx = add_evidence(
        report,
        "ke-hoach.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04docx",
        "Kế hoạch",
    )
    video = add_evidence(
        report, "phat-thanh.mp4", "video/mp4", b"\x00\x00\x00\x18ftypmp42", "Video phát thanh"
    )
    photo = Evidence.objects.get(report=report, original_name="hop-thon.jpg")
    pdf = Evidence.objects.get(report=report, original_name="bien-ban.pdf")
    # the same photo used by another commune
    add_evidence(other_report, "khac.jpg", "image/jpeg", b"x", "", sha256=photo.sha256)

    response = client_for(REVIEWER).get(review_url(report))
    assert response.status_code == 200
    html = text_of(response)
    assert "<iframe" not in html  # no frame the private view would refuse
    assert f'href="/tep/minh-chung/{pdf.pk}/xem/" target="_blank"' in html
    assert "Mở PDF" in html and "Xem ảnh" in html
    for item in (photo, pdf, docx, video):
        assert f'href="/tep/minh-chung/{item.pk}/" download' in html
    assert "Chụp lúc:</dt><dd>08:30 28/11/2026</dd>" in html
    for words in ("Ảnh JPEG", "PDF", "Văn bản Word", "Video"):
        assert words in html
    assert "hop-thon.jpg" in html and "Họp thôn" in html and "Biên bản" in html
    assert "Tệp này trùng với minh chứng đã dùng ở: Xã Ia O (972/UBND-VHTT)" in html
    # the link: address, domain, a new tab; not "· · 0 byte"
    assert (
        'href="https://www.facebook.com/xaiaba/posts/123" target="_blank" rel="noopener noreferrer"'
        in html
    )
    assert "Mở đường dẫn (facebook.com)" in html
    assert "0 byte" not in html
    # every "open" works for the reviewer
    reviewer = client_for(REVIEWER)
    opened = reviewer.get(f"/tep/minh-chung/{pdf.pk}/xem/")
    assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf"
    assert reviewer.get(f"/tep/minh-chung/{photo.pk}/xem/")["Content-Type"] == "image/jpeg"
    download = reviewer.get(f"/tep/minh-chung/{docx.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
