"""The issuing workflow ("Trình ký"): a clerk drafts and submits, a leader approves, and
approval issues (numbers and publishes) the directive."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageLogEntry

from directives_app.models import DirectivePage


def add_url(register) -> str:
    return f"/admin/pages/add/directives_app/directivepage/{register.pk}/"


@pytest.mark.django_db
def test_clerk_cannot_issue_alone(client_for, register, client, form_data):
    clerk = client_for("vanthu")
    response = clerk.post(add_url(register), form_data(**{"action-publish": "1"}))
    page = DirectivePage.objects.get(title="tăng cường tuyên truyền phòng, chống tin giả")
    assert response.status_code == 302
    assert not page.live and page.number is None
    assert client.get(page.url_path.removeprefix("/trang-chu")).status_code == 404


@pytest.mark.django_db
def test_submit_then_leader_approval_issues_and_numbers(client_for, register, client, form_data):
    clerk = client_for("vanthu")
    response = clerk.post(add_url(register), form_data(**{"action-submit": "1"}))
    assert response.status_code == 302
    page = DirectivePage.objects.get(title="tăng cường tuyên truyền phòng, chống tin giả")
    public_url = "/van-ban/" + page.slug + "/"
    assert page.workflow_in_progress
    assert client.get(public_url).status_code == 404  # the public never sees a draft

    task_state = page.current_workflow_task_state
    # a clerk is not a reviewer of the task
    denied = clerk.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    page.refresh_from_db()
    assert not page.live
    assert denied.status_code in (302, 403, 404)

    leader = client_for("lanhdao")
    approved = leader.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Đồng ý"}
    )
    assert approved.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.number is not None and page.issued_on is not None
    assert page.symbol == f"{page.number}/UBND-VHTT"
    assert page.live_revision.content["number"] == page.number
    public = client.get(public_url)
    assert public.status_code == 200
    assert page.symbol in public.content.decode()
    assert PageLogEntry.objects.filter(page=page, action="directives_app.issue").exists()
    assert list(page.addressees.values_list("unit__code", flat=True)) == ["xa-ia-ba"]


@pytest.mark.django_db
def test_amendment_keeps_number_and_history(make_directive, client_for):
    page = make_directive(title="văn bản sẽ sửa")
    number, issued_on = page.number, page.issued_on
    page.title = "văn bản đã sửa trích yếu"
    page.save_revision(user=get_user_model().objects.get(username="admin")).publish()
    page.refresh_from_db()
    assert (page.number, page.issued_on) == (number, issued_on)
    assert page.title == "văn bản đã sửa trích yếu"
    assert page.revisions.count() == 2
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 2
    assert PageLogEntry.objects.filter(page=page, action="directives_app.issue").count() == 1


@pytest.mark.django_db
def test_published_directive_cannot_change_number_or_date(make_directive, client_for, form_data):
    page = make_directive(title="văn bản đã ban hành")
    admin = client_for("admin")
    data = form_data(
        title=page.title,
        slug=page.slug,
        number=str(page.number + 5),
        issued_on=page.issued_on.strftime("%d/%m/%Y"),
        **{"action-publish": "1"},
    )
    response = admin.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code < 500
    assert "không được sửa số hay ngày ban hành" in response.content.decode()
    page.refresh_from_db()
    assert page.revisions.count() == 1
