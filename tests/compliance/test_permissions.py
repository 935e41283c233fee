"""Permission matrix through HTTP: every demo role × every report action × own unit /
other unit. "Own" is Xã Ia Bă (the unit of xa-ia-ba.truong / .canbo), "other" Xã Ia O."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from reporting import edit_url, jpeg, report_form, review_data, review_url

from directives_app.models import ComplianceReport, Evidence, ReportStatus

ROLES = [
    "admin",
    "bientap",
    "banbientap",
    "vanthu",
    "lanhdao",
    "thamdinh",
    "congan",
    "xa-ia-ba.truong",
    "xa-ia-ba.canbo",
    None,  # None: anonymous
]
ACTIONS = [
    "list",
    "view",
    "edit",
    "upload",
    "submit",
    "accept",
    "return",
    "download",
    "dashboard",
    "export",
]
GLOBAL_VIEW = {"admin", "lanhdao", "thamdinh"}
UNIT = {"xa-ia-ba.truong", "xa-ia-ba.canbo"}


def expected(role, action, scope) -> bool:
    own = scope == "own"
    if action in ("list", "view", "download"):
        return role in GLOBAL_VIEW or (role in UNIT and own)
    if action in ("edit", "upload"):
        return role == "admin" or (role in UNIT and own)
    if action == "submit":
        return role == "admin" or (role == "xa-ia-ba.truong" and own)
    if action in ("accept", "return"):
        return role in ("admin", "thamdinh")
    if action in ("dashboard", "export"):  # the leaders' matrix covers every unit
        return role in GLOBAL_VIEW
    raise AssertionError(action)


CELLS = [
    pytest.param(
        role,
        action,
        scope,
        expected(role, action, scope),
        id=f"{role or 'anonymous'}-{action}-{scope}",
    )
    for role in ROLES
    for action in ACTIONS
    for scope in ("own", "other")
]


def client(role) -> Client:
    c = Client()
    if role:
        assert c.login(username=role, password="iagrai-demo")
    return c


def submit_as_head(report, photo=True) -> None:
    head = client("xa-ia-ba.truong" if report.unit.code == "xa-ia-ba" else "xa-ia-o.truong")
    data = report_form(report, **{"action-submit": "1"}, new_photos=[jpeg()] if photo else [])
    assert head.post(edit_url(report), data).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def listed(c: Client, report) -> bool:
    """Whether the report's row appears on any page of the admin listing."""
    for page in range(1, 10):
        response = c.get("/admin/snippets/directives_app/compliancereport/", {"p": page})
        if response.status_code != 200:
            return False
        html = response.content.decode()
        base = "/admin/snippets/directives_app/compliancereport"
        if f"{base}/edit/{report.pk}/" in html or f"{base}/inspect/{report.pk}/" in html:
            return True
        if f"p={page + 1}" not in html:
            return False
    return False


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action", "scope", "allowed"), CELLS)
def test_permission_matrix(role, action, scope, allowed):
    code = "xa-ia-ba" if scope == "own" else "xa-ia-o"
    report = ComplianceReport.objects.get(directive__symbol="972/UBND-VHTT", unit__code=code)
    c = client(role)
    if action == "list":
        assert listed(c, report) is allowed
    elif action == "view":
        response = c.get(f"/admin/snippets/directives_app/compliancereport/inspect/{report.pk}/")
        assert (response.status_code == 200) is allowed
        if allowed:
            assert report.unit.name in response.content.decode()
    elif action == "edit":
        response = c.get(edit_url(report))
        assert (response.status_code == 200) is allowed
    elif action == "upload":
        before = Evidence.objects.filter(report=report).count()
        c.post(edit_url(report), report_form(report, new_photos=[jpeg()]))
        assert (Evidence.objects.filter(report=report).count() == before + 1) is allowed
    elif action == "submit":
        c.post(edit_url(report), report_form(report, **{"action-submit": "1"}))
        report.refresh_from_db()
        assert (report.status == ReportStatus.SUBMITTED) is allowed
    elif action in ("accept", "return"):
        submit_as_head(report, photo=False)
        data = (
            {"action": "approve", "approve-comment": ""}
            if action == "accept"
            else {"action": "reject", "reject-comment": "Thiếu ảnh."}
        )
        c.post(review_url(report), review_data(report, **data))
        report.refresh_from_db()
        done = ReportStatus.ACCEPTED if action == "accept" else ReportStatus.RETURNED
        assert (report.status == done) is allowed
    elif action in ("dashboard", "export"):
        url = "/admin/tien-do/" + ("?export=csv" if action == "export" else "")
        response = c.get(url, follow=False)
        if response.status_code == 302 and response.url.startswith("/admin/tep/"):
            response = c.get(response.url + "tai-ve/")  # the prepared export (issue 17)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8-sig")
        assert (response.status_code == 200 and report.unit.name in body) is allowed
    elif action == "download":
        submit_as_head(report)
        evidence = Evidence.objects.filter(report=report).latest("pk")
        response = c.get(f"/tep/minh-chung/{evidence.pk}/")
        assert (response.status_code == 200) is allowed
        if not allowed:
            assert response.status_code == 404
        else:
            assert response["Content-Disposition"].startswith("attachment")
            assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_every_object_url_of_another_units_report_is_404(report, other_report):
    head = client("xa-ia-ba.truong")
    base = "/admin/snippets/directives_app/compliancereport"
    for view in (
        "edit",
        "inspect",
        "history",
        "revisions",
        "usage",
        "workflow_history",
        "lock",
        "unlock",
        "delete",
    ):
        for url in (f"{base}/{view}/{other_report.pk}/",):
            response = head.get(url)
            assert response.status_code == 404, url
    assert head.get(f"{base}/edit/{report.pk}/").status_code == 200
    bulk = head.get(f"/admin/bulk/directives_app/compliancereport/delete/?id={other_report.pk}")
    assert other_report.unit.name not in bulk.content.decode()
    chooser = head.get("/admin/snippets/choose/directives_app/compliancereport/")
    assert chooser.status_code in (200, 404)
    if chooser.status_code == 200:
        assert other_report.unit.name not in chooser.content.decode()


# -- reviewer's and leader's rows over every object URL of the snippet views ---------------
#
# The report is under review (submitted by its head), the moment a reviewer is tempted.
# Reviewers and leaders read (inspect, choosers); they never edit, lock,
# unlock, revert, publish, unpublish, delete, cancel or restart its workflow, nor decide
# through Wagtail's workflow URLs (decisions are taken on the review screen only).

BASE = "/admin/snippets/directives_app/compliancereport"
CHOOSER = "/admin/snippets/choose/directives_app/compliancereport"
READERS = ["thamdinh", "lanhdao"]
# History and usage are Wagtail's views for editors (they ask for "change"); readers get the
# report's inspect page and the review screen.
OPEN_GETS = {"inspect", "choose", "choose_results", "chosen", "chosen_multiple"}
GET_URLS = {
    "edit": "{base}/edit/{pk}/",
    "delete": "{base}/delete/{pk}/",
    "usage": "{base}/usage/{pk}/",
    "history": "{base}/history/{pk}/",
    "history_results": "{base}/history-results/{pk}/",
    "inspect": "{base}/inspect/{pk}/",
    "revisions_revert": "{base}/history/{pk}/revisions/{revision}/revert/",
    "revisions_compare": "{base}/history/{pk}/revisions/compare/earliest...latest/",
    "unpublish": "{base}/unpublish/{pk}/",
    "workflow_action": "{base}/workflow/action/{pk}/approve/{task_state}/",
    "collect_workflow_action_data": (
        "{base}/workflow/collect_action_data/{pk}/approve/{task_state}/"
    ),
    "confirm_workflow_cancellation": "{base}/workflow/confirm_cancellation/{pk}/",
    "workflow_history": "{base}/workflow_history/{pk}/",
    "workflow_history_detail": "{base}/workflow_history/{pk}/detail/{workflow_state}/",
    "choose": "{chooser}/",
    "choose_results": "{chooser}/results/",
    "chosen": "{chooser}/chosen/{pk}/",
    "chosen_multiple": "{chooser}/chosen-multiple/?id={pk}",
}
POSTS = [
    "save",
    "publish",
    "cancel_workflow",
    "restart_workflow",
    "lock",
    "unlock",
    "revert",
    "unpublish",
    "delete",
    "workflow_approve",
]


def under_review(report) -> dict:
    submit_as_head(report, photo=False)
    report.refresh_from_db()
    task_state = report.current_workflow_task_state
    return {
        "base": BASE,
        "chooser": CHOOSER,
        "pk": report.pk,
        "revision": report.latest_revision_id,
        "task_state": task_state.pk,
        "workflow_state": task_state.workflow_state_id,
    }


def snapshot(report) -> tuple:
    from wagtail.models import Revision, WorkflowState

    fresh = ComplianceReport.objects.filter(pk=report.pk).first()
    if fresh is None:
        return ("deleted",)
    return (
        fresh.status,
        fresh.live,
        fresh.locked,
        fresh.summary,
        Revision.objects.filter(object_id=str(report.pk)).count(),
        list(WorkflowState.objects.filter(object_id=str(report.pk)).values_list("pk", "status")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(GET_URLS))
@pytest.mark.parametrize("role", READERS)
def test_readers_row_object_urls(role, name, report):
    values = under_review(report)
    response = client(role).get(GET_URLS[name].format(**values))
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        import json

        body = json.dumps(json.loads(body), ensure_ascii=False)
    opened = response.status_code == 200 and (
        not name.startswith("chos") or report.unit.name in body
    )
    assert opened is (name in OPEN_GETS), (response.status_code, response.get("Location"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", POSTS)
@pytest.mark.parametrize("role", READERS)
def test_readers_row_state_changing_posts(role, name, report):
    values = under_review(report)
    if name == "unlock":
        head = get_user_model().objects.get(username="xa-ia-ba.truong")
        ComplianceReport.objects.filter(pk=report.pk).update(locked=True, locked_by=head)
    before = snapshot(report)
    form = report_form(report, summary="Người khác sửa báo cáo.")
    c = client(role)
    edit = GET_URLS["edit"].format(**values)
    posts = {
        "save": (edit, form),
        "publish": (edit, {**form, "action-publish": "1"}),
        "cancel_workflow": (edit, {**form, "action-cancel-workflow": "1"}),
        "restart_workflow": (edit, {**form, "action-restart-workflow": "1"}),
        "lock": (f"{BASE}/lock/{report.pk}/", {}),
        "unlock": (f"{BASE}/unlock/{report.pk}/", {}),
        "revert": (GET_URLS["revisions_revert"].format(**values), form),
        "unpublish": (GET_URLS["unpublish"].format(**values), {}),
        "delete": (GET_URLS["delete"].format(**values), {}),
        "workflow_approve": (GET_URLS["workflow_action"].format(**values), {"comment": "ok"}),
    }
    url, data = posts[name]
    response = c.post(url, data)
    assert response.status_code < 500
    assert snapshot(report) == before
