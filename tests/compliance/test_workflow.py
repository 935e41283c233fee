"""The report's life: created on issue, drafted, submitted by the head only, returned with
a checklist, resubmitted, accepted; every step in the audit log."""

import pytest
from reporting import edit_url, jpeg, review_data, review_url
from wagtail.models import ModelLogEntry

from directives_app.models import ComplianceReport, Evidence, ReportStatus


@pytest.mark.django_db
def test_reports_created_for_every_addressed_unit_on_issue():
    seed = ComplianceReport.objects.filter(directive__symbol="972/UBND-VHTT")
    units = set(seed.values_list("unit__code", flat=True))
    assert len(units) == 29
    assert {"xa-ia-ba", "tt-ia-kha", "phong-vhtt", "cong-an-huyen", "ttvh-tt-tt"} <= units
    assert "ubnd-huyen-ia-grai" not in units
    assert not ComplianceReport.objects.filter(directive__symbol="2/TB-UBND").exists()
    report = seed.get(unit__code="xa-ia-ba")
    # tasks 1 and 4 address communes
    assert report.results.count() == 2
    assert report.status == ReportStatus.NOT_STARTED


@pytest.mark.django_db
def test_republish_is_idempotent_and_amendment_adds_and_withdraws(make_directive):
    from directives_app.models import Unit

    page = make_directive(title="sửa đổi đơn vị", units=("xa-ia-ba", "xa-ia-o"))
    assert ComplianceReport.objects.filter(directive=page).count() == 2
    page.get_latest_revision().publish()
    assert ComplianceReport.objects.filter(directive=page).count() == 2
    tasks = list(page.tasks.all())
    tasks[0].addressee_units = list(Unit.objects.filter(code__in=["xa-ia-ba", "xa-ia-to"]))
    page.tasks.set(tasks)  # the amendment, as the admin form would make it
    page.save_revision().publish()
    statuses = dict(
        ComplianceReport.objects.filter(directive=page).values_list("unit__code", "status")
    )
    assert statuses == {
        "xa-ia-ba": "not_started",
        "xa-ia-o": "withdrawn",
        "xa-ia-to": "not_started",
    }


@pytest.mark.django_db
def test_focal_officer_drafts_with_photos_but_cannot_submit(post_report, report):
    response = post_report("xa-ia-ba.canbo", report, new_photos=[jpeg("a.jpg"), jpeg("b.jpg")])
    assert response.status_code == 302, response.content.decode()[:500]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert Evidence.objects.filter(report=report).count() == 2
    before = Evidence.objects.count()
    denied = post_report("xa-ia-ba.canbo", report, submit=True, new_photos=[jpeg("c.jpg")])
    assert denied.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert Evidence.objects.count() == before  # nothing saved


@pytest.mark.django_db
def test_full_cycle_submit_return_resubmit_accept(post_report, report, client_for, client):
    submitted = post_report(
        "xa-ia-ba.truong",
        report,
        submit=True,
        new_photos=[jpeg("a.jpg", exif_time="2021:11:20 08:30:00")],
    )
    assert submitted.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by.username == "xa-ia-ba.truong"
    photo = Evidence.objects.get(report=report)
    assert photo.is_frozen and photo.taken_at is not None
    assert len(photo.sha256) == 64

    reviewer = client_for("thamdinh")
    page = reviewer.get(review_url(report))
    assert page.status_code == 200
    assert "Xã Ia Bă" in page.content.decode()
    # a return needs a checklist item or a comment
    empty = reviewer.post(
        review_url(report), review_data(report, action="reject", **{"reject-comment": ""})
    )
    assert empty.status_code == 400
    assert "hãy chọn ít nhất một mục" in empty.content.decode()
    returned = reviewer.post(
        review_url(report),
        review_data(
            report,
            action="reject",
            **{
                "reject-checklist": ["Thiếu đường dẫn bài đăng trên kênh thông tin"],
                "reject-comment": "Bổ sung đường dẫn bài đăng trên trang Zalo của xã.",
            },
        ),
    )
    assert returned.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    head = client_for("xa-ia-ba.truong")
    edit = head.get(edit_url(report)).content.decode()
    assert "Thiếu đường dẫn bài đăng trên kênh thông tin" in edit
    assert "Bổ sung đường dẫn bài đăng" in edit

    resubmitted = post_report(
        "xa-ia-ba.truong",
        report,
        submit=True,
        new_links="https://zalo.me/iaba/post/1 | Bài đăng trên Zalo",
    )
    assert resubmitted.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    review_page = reviewer.get(review_url(report)).content.decode()
    assert "https://zalo.me/iaba/post/1" in review_page
    assert "mới" in review_page

    accepted = reviewer.post(
        review_url(report), review_data(report, action="approve", **{"approve-comment": "Tốt"})
    )
    assert accepted.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.live
    assert report.results.filter(outcome="done").count() == 2  # committed on acceptance
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True)
    )
    assert {
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.approve",
        "wagtail.publish",
        "directives_app.review_attempt",
    } <= actions
    history = client_for("xa-ia-ba.truong").get(
        f"/admin/snippets/directives_app/compliancereport/history/{report.pk}/"
    )
    assert history.status_code == 200


@pytest.mark.django_db
def test_submitted_evidence_cannot_be_removed(post_report, report):
    post_report("xa-ia-ba.truong", report, submit=True, new_photos=[jpeg()])
    evidence = Evidence.objects.get(report=report)
    with pytest.raises(Exception, match="không thể xóa"):
        evidence.delete()
    assert Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.django_db
def test_reviewers_are_emailed_when_a_report_is_submitted(post_report, report, mailoutbox):
    from django.contrib.auth import get_user_model

    reviewers = set(
        get_user_model()
        .objects.filter(groups__name="Thẩm định", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    assert "thamdinh@example.gov.vn" in reviewers
    assert post_report("xa-ia-ba.truong", report, submit=True).status_code == 302

    notices = [m for m in mailoutbox if "Báo cáo chờ thẩm định" in m.subject]
    assert {address for m in notices for address in m.to} == reviewers
    notice = next(m for m in notices if m.to == ["thamdinh@example.gov.vn"])
    assert notice.subject == "Báo cáo chờ thẩm định: Xã Ia Bă – 972/UBND-VHTT"
    assert "Xã Ia Bă đã gửi báo cáo kết quả thực hiện văn bản 972/UBND-VHTT" in notice.body
    assert f"http://testserver{review_url(report)}" in notice.body
    # Neither the head who submitted nor the system administrator is told.
    assert not any(
        address in ("xa-ia-ba.truong@example.gov.vn", "admin@example.gov.vn")
        for m in mailoutbox
        for address in m.to
    )


@pytest.mark.django_db
def test_a_reviewer_can_turn_the_submission_notices_off(post_report, report, mailoutbox):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="thamdinh"))
    profile.submitted_notifications = False
    profile.save()
    assert post_report("xa-ia-ba.truong", report, submit=True).status_code == 302
    assert not any("thamdinh@example.gov.vn" in m.to for m in mailoutbox)
