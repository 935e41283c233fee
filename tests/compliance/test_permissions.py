"""Permission matrix through HTTP: every demo role × every report action × own unit /
other unit. "Own" is Xã Ia Bă (the unit of xa-ia-ba.truong / .canbo), "other" Xã Ia O."""

import pytest
from django.test import Client
from reporting import edit_url, jpeg, report_form, review_url

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
        c.post(review_url(report), data)
        report.refresh_from_db()
        done = ReportStatus.ACCEPTED if action == "accept" else ReportStatus.RETURNED
        assert (report.status == done) is allowed
    elif action in ("dashboard", "export"):
        url = "/admin/tien-do/" + ("?export=csv" if action == "export" else "")
        response = c.get(url)
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
