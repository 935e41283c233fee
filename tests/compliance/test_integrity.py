"""Integrity of the compliance record (issue 12 items 1, 2, 3, 7; issue 14 items 6, 8):
reviewers decide and do nothing else, a decision applies to the revision the reviewer saw,
a double submission is a no-op, every chooser endpoint is scoped, an accepted report is
read-only until its unit starts a supplement ("Bổ sung"), and the reviewer has one queue."""

import json

import pytest
from reporting import edit_url, jpeg, report_form, review_data, review_url
from wagtail.models import Revision, WorkflowState

from directives_app.models import ComplianceReport, Evidence, ReportStatus

BASE = "/admin/snippets/directives_app/compliancereport"
CHOOSER = "/admin/snippets/choose/directives_app/compliancereport"


def text_of(response) -> str:
    """A response's text; the chooser answers JSON with escaped non-ASCII characters."""
    body = response.content.decode()
    try:
        return json.dumps(json.loads(body), ensure_ascii=False)
    except ValueError:
        return body


def revisions(report) -> int:
    return Revision.objects.filter(
        base_content_type__model="compliancereport", object_id=str(report.pk)
    ).count()


def fresh(report) -> ComplianceReport:
    return ComplianceReport.objects.get(pk=report.pk)


def submit(post_report, report, **fields):
    response = post_report("xa-ia-ba.truong", report, submit=True, **fields)
    assert response.status_code == 302, response.content.decode()[:300]
    assert fresh(report).workflow_in_progress
    return response


# -- 12.1 reviewers decide and do nothing else -------------------------------------------


@pytest.mark.django_db
def test_a_reviewer_cannot_edit_lock_revert_or_cancel_a_report_under_review(
    post_report, report, client_for
):
    submit(post_report, report, new_photos=[jpeg()])
    reviewer = client_for("thamdinh")
    before = revisions(report)
    first_revision = fresh(report).latest_revision_id

    assert reviewer.get(edit_url(report)).status_code == 403
    saved = reviewer.post(edit_url(report), report_form(report, summary="Người thẩm định sửa."))
    assert saved.status_code == 403
    assert reviewer.post(f"{BASE}/lock/{report.pk}/").status_code == 403
    assert reviewer.post(f"{BASE}/unlock/{report.pk}/").status_code == 403
    revert = f"{BASE}/history/{report.pk}/revisions/{first_revision}/revert/"
    assert reviewer.get(revert).status_code == 403
    assert reviewer.post(revert, report_form(report)).status_code == 403
    cancel = reviewer.post(edit_url(report), report_form(report, **{"action-cancel-workflow": "1"}))
    assert cancel.status_code == 403
    publish = reviewer.post(edit_url(report), report_form(report, **{"action-publish": "1"}))
    assert publish.status_code == 403
    # The editing-session ping (autosave's companion) is refused too.
    assert (
        reviewer.post(
            f"/admin/editing-sessions/ping/directives_app/compliancereport/{report.pk}/0/"
        ).status_code
        == 404
    )

    report = fresh(report)
    assert revisions(report) == before
    assert not report.locked
    assert not report.live
    assert report.workflow_in_progress
    assert report.status == ReportStatus.SUBMITTED
    assert report.summary != "Người thẩm định sửa."


@pytest.mark.django_db
def test_wagtail_workflow_urls_decide_nothing_for_anyone(post_report, report, client_for):
    submit(post_report, report)
    state = fresh(report).current_workflow_task_state
    for username in ("thamdinh", "admin"):
        client = client_for(username)
        for name in ("workflow/action", "workflow/collect_action_data"):
            url = f"{BASE}/{name}/{report.pk}/approve/{state.pk}/"
            client.get(url)
            client.post(url, {"comment": "duyệt nhanh"})
        # the editor's own "workflow-action" (approve while editing)
        client.post(
            edit_url(report),
            report_form(
                report, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
            ),
        )
    report = fresh(report)
    assert report.status == ReportStatus.SUBMITTED
    assert report.workflow_in_progress and not report.live


@pytest.mark.django_db
def test_only_administrators_cancel_or_restart_a_workflow(post_report, report, client_for):
    submit(post_report, report)
    head = client_for("xa-ia-ba.truong")
    page = head.get(edit_url(report)).content.decode()
    assert 'name="action-cancel-workflow"' not in page
    # The head requested the workflow: Wagtail would let them cancel it.
    head.post(edit_url(report), report_form(report, **{"action-cancel-workflow": "1"}))
    assert fresh(report).workflow_in_progress
    assert fresh(report).status == ReportStatus.SUBMITTED

    admin = client_for("admin")
    admin.post(edit_url(report), report_form(report, **{"action-cancel-workflow": "1"}))
    assert not fresh(report).workflow_in_progress


@pytest.mark.django_db
def test_nobody_edits_a_report_while_it_is_under_review(post_report, report, client_for):
    submit(post_report, report)
    before = revisions(report)
    response = post_report("xa-ia-ba.truong", report, summary="Sửa sau khi gửi.")
    assert response.status_code == 409
    assert "đang chờ thẩm định" in response.content.decode()
    assert revisions(report) == before


# -- 14.8 one queue ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_reviewer_sees_each_report_once_and_decides_on_the_review_screen(
    post_report, report, client_for
):
    submit(post_report, report)
    html = client_for("thamdinh").get("/admin/").content.decode()
    assert 'id="awaiting-review"' not in html  # Wagtail's "Đang chờ bạn duyệt"
    assert html.count(review_url(report)) == 1
    assert f"{BASE}/workflow/action/" not in html


# -- 12.2 a decision applies to the revision the reviewer saw ---------------------------


@pytest.mark.django_db
def test_a_stale_review_page_cannot_accept_a_resubmission(post_report, report, client_for):
    submit(post_report, report, summary="Bản thứ nhất.")
    reviewer, other = client_for("thamdinh"), client_for("admin")
    seen = review_data(report)  # the page the reviewer opened
    assert reviewer.get(review_url(report)).status_code == 200

    returned = other.post(
        review_url(report),
        review_data(report, action="reject", **{"reject-comment": "Thiếu ảnh."}),
    )
    assert returned.status_code == 302
    submit(post_report, report, summary="Bản thứ hai, chưa ai xem.")
    second = fresh(report).current_workflow_task_state

    stale = reviewer.post(review_url(report), {**seen, "action": "approve"})
    assert stale.status_code == 409
    assert "Quyết định của bạn chưa được ghi" in stale.content.decode()
    report = fresh(report)
    assert report.status == ReportStatus.SUBMITTED and not report.live
    assert report.current_workflow_task_state.pk == second.pk

    # The page it re-rendered carries the new step: accepting from it publishes exactly it.
    accepted = reviewer.post(review_url(report), review_data(report, action="approve"))
    assert accepted.status_code == 302
    report = fresh(report)
    assert report.status == ReportStatus.ACCEPTED
    assert report.live_revision_id == second.revision_id
    assert report.summary == "Bản thứ hai, chưa ai xem."


@pytest.mark.django_db
def test_a_decision_after_another_reviewers_is_refused_with_a_message(
    post_report, report, client_for
):
    submit(post_report, report)
    seen = review_data(report)
    assert (
        client_for("admin").post(review_url(report), {**seen, "action": "approve"}).status_code
        == 302
    )
    reviewer = client_for("thamdinh")
    late = reviewer.post(
        review_url(report), {**seen, "action": "reject", "reject-comment": "Thiếu ảnh."}
    )
    assert late.status_code == 302
    page = reviewer.get(late["Location"]).content.decode()
    assert "Quyết định của bạn chưa được ghi" in page
    assert fresh(report).status == ReportStatus.ACCEPTED


@pytest.mark.django_db
def test_a_decision_without_the_revision_seen_is_refused(post_report, report, client_for):
    submit(post_report, report)
    reviewer = client_for("thamdinh")
    bare = reviewer.post(review_url(report), {"action": "approve", "approve-comment": ""})
    assert bare.status_code == 400
    forged = reviewer.post(
        review_url(report), review_data(report, action="approve", revision="999999999999")
    )
    assert forged.status_code == 409
    assert fresh(report).status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_acceptance_publishes_the_reviewed_revision_not_a_later_one(
    post_report, report, client_for
):
    submit(post_report, report, summary="Bản đã gửi.")
    reviewed = fresh(report).current_workflow_task_state.revision_id
    # A revision saved behind the workflow's back (what a failed double submit used to
    # leave behind): the latest revision, never reviewed.
    orphan = fresh(report)
    orphan.summary = "Không ai thẩm định bản này."
    orphan.save_revision()
    assert fresh(report).latest_revision_id != reviewed
    client_for("thamdinh").post(review_url(report), review_data(report, action="approve"))
    report = fresh(report)
    assert report.status == ReportStatus.ACCEPTED
    assert report.live_revision_id == reviewed
    assert report.summary == "Bản đã gửi."


# -- 12.3 a double submission is a no-op ------------------------------------------------


@pytest.mark.django_db
def test_a_second_submission_is_a_no_op_with_a_message(post_report, report, client_for):
    submit(post_report, report, new_photos=[jpeg()])
    before = revisions(report), Evidence.objects.filter(report=report).count()
    head = client_for("xa-ia-ba.truong")
    data = report_form(report, new_photos=[jpeg("b.jpg")], **{"action-submit": "1"})
    again = head.post(edit_url(report), data)
    assert again.status_code == 302
    page = head.get(again["Location"]).content.decode()
    assert "đã được gửi và đang chờ thẩm định; lần gửi này không thay đổi gì" in page
    assert (revisions(report), Evidence.objects.filter(report=report).count()) == before
    assert WorkflowState.objects.filter(object_id=str(report.pk)).count() == 1


# -- 12.7 chooser endpoints -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["xa-ia-ba.truong", "xa-ia-ba.canbo", "bientap", "congan"])
def test_every_chooser_endpoint_is_scoped(username, report, other_report, client_for):
    client = client_for(username)
    others = other_report.unit.name
    multiple = client.get(f"{CHOOSER}/chosen-multiple/", {"id": [report.pk, other_report.pk]})
    assert others not in text_of(multiple)
    assert client.get(f"{CHOOSER}/chosen/{other_report.pk}/").status_code == 404
    for url in (f"{CHOOSER}/", f"{CHOOSER}/results/"):
        response = client.get(url, {"q": "Ia"})
        assert response.status_code == 200
        assert others not in text_of(response)
    if username.startswith("xa-ia-ba"):
        assert report.unit.name in text_of(multiple)
        assert client.get(f"{CHOOSER}/chosen/{report.pk}/").status_code == 200
    # malformed ids name nothing and break nothing
    assert client.get(f"{CHOOSER}/chosen-multiple/", {"id": ["x", "1e9"]}).status_code == 200
    assert client.get(f"{CHOOSER}/chosen/abc/").status_code == 404


@pytest.mark.django_db
def test_the_incident_chooser_is_scoped_for_handlers(make_incident, client_for):
    police = make_incident(category="impersonation", urls=["https://facebook.com/gia.mao.ct"])
    culture = make_incident(category="false_information", urls=["https://example.vn/tin-gia"])
    chooser = "/admin/snippets/choose/conduct_app/incidentreport"
    handler = client_for("congan")
    multiple = handler.get(f"{chooser}/chosen-multiple/", {"id": [police.pk, culture.pk]})
    body = text_of(multiple)
    assert police.code in body and culture.code not in body
    assert handler.get(f"{chooser}/chosen/{culture.pk}/").status_code == 404
    assert handler.get(f"{chooser}/chosen/{police.pk}/").status_code == 200
    unit_head = client_for("xa-ia-ba.truong")
    assert police.code not in text_of(
        unit_head.get(f"{chooser}/chosen-multiple/", {"id": [police.pk]})
    )


@pytest.fixture
def make_incident(db):
    from conduct_app.incidents.intake import Submission, file_report

    def make(urls, category):
        return file_report(
            Submission(
                urls=list(urls),
                platform="facebook",
                category=category,
                description="Thông tin sai sự thật về huyện.",
            ),
            source="public",
        )

    return make


# -- 14.6 accepted is read-only; "Bổ sung" is a new submission --------------------------


def accept(report, client_for) -> None:
    response = client_for("thamdinh").post(
        review_url(report), review_data(report, action="approve")
    )
    assert response.status_code == 302
    assert fresh(report).status == ReportStatus.ACCEPTED


def supplement_url(report) -> str:
    return f"/admin/bao-cao/{report.pk}/bo-sung/"


@pytest.mark.django_db
def test_an_accepted_report_is_read_only_for_its_unit(post_report, report, client_for):
    submit(post_report, report, new_photos=[jpeg()], summary="Bản được chấp nhận.")
    accept(report, client_for)
    before = revisions(report), Evidence.objects.filter(report=report).count()
    head = client_for("xa-ia-ba.truong")

    page = head.get(edit_url(report))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Báo cáo đã được chấp nhận nên chỉ xem" in html
    assert supplement_url(report) in html

    for username in ("xa-ia-ba.truong", "xa-ia-ba.canbo"):
        forged = post_report(
            username, report, summary="Sửa lén.", new_photos=[jpeg("x.jpg")], submit=False
        )
        assert forged.status_code == 409
    assert post_report("xa-ia-ba.truong", report, submit=True).status_code in (302, 409)
    report = fresh(report)
    assert (revisions(report), Evidence.objects.filter(report=report).count()) == before
    assert report.status == ReportStatus.ACCEPTED and not report.workflow_in_progress
    assert report.summary == "Bản được chấp nhận."
    # Others cannot open a supplement.
    assert client_for("thamdinh").post(supplement_url(report)).status_code == 403
    assert client_for("xa-ia-o.truong").post(supplement_url(report)).status_code == 404
    assert client_for("xa-ia-ba.truong").get(supplement_url(report)).status_code == 405


@pytest.mark.django_db
def test_a_supplement_is_reviewed_while_the_accepted_revision_stays_live(
    post_report, report, client_for
):
    submit(post_report, report, new_photos=[jpeg("a.jpg")], summary="Bản được chấp nhận.")
    accept(report, client_for)
    accepted_revision = fresh(report).live_revision_id
    head = client_for("xa-ia-ba.truong")

    opened = head.post(supplement_url(report))
    assert opened.status_code == 302
    assert head.post(supplement_url(report)).status_code == 302  # second click: no-op
    report = fresh(report)
    assert report.status == ReportStatus.ACCEPTED and report.supplement == "draft"
    assert "Đã chấp nhận – đang bổ sung" == report.display_status

    result = report.results.first()
    changed = report_form(report, summary="Bản được chấp nhận.")
    changed[f"result_{result.task_id}_text"] = "Thêm: đăng 3 bài trên Zalo."
    changed["new_photos"] = [jpeg("bo-sung.jpg", color=(10, 200, 10))]
    changed["action-submit"] = "1"
    assert head.post(edit_url(report), changed).status_code == 302
    report = fresh(report)
    assert report.status == ReportStatus.ACCEPTED  # still accepted until decided
    assert report.supplement == "submitted"
    assert report.live_revision_id == accepted_revision
    assert report.live  # the accepted content is what others read meanwhile

    reviewer = client_for("thamdinh")
    dashboard = reviewer.get("/admin/").content.decode()
    assert dashboard.count(review_url(report)) == 1
    assert "bổ sung</span>" in dashboard
    review = reviewer.get(review_url(report)).content.decode()
    assert "Bản bổ sung của báo cáo đã chấp nhận" in review
    assert "Thêm: đăng 3 bài trên Zalo." in review
    assert review.count("mới sửa") >= 1
    new_item = Evidence.objects.get(report=report, original_name="bo-sung.jpg")
    assert new_item.submitted_in_id == report.current_workflow_task_state.pk

    # Returned: the earlier acceptance stands.
    reviewer.post(
        review_url(report),
        review_data(report, action="reject", **{"reject-comment": "Ảnh chưa rõ."}),
    )
    report = fresh(report)
    assert report.status == ReportStatus.ACCEPTED and report.supplement == "returned"
    assert report.live_revision_id == accepted_revision
    # Resubmitted and accepted: the supplement becomes the live revision.
    changed["new_photos"] = [jpeg("ro-hon.jpg", color=(10, 10, 200))]
    assert head.post(edit_url(report), changed).status_code == 302
    accept(report, client_for)
    report = fresh(report)
    assert report.supplement == "" and report.live_revision_id != accepted_revision
    assert "Thêm: đăng 3 bài trên Zalo." in report.results.get(pk=result.pk).text
