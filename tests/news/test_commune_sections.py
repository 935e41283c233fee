"""Commune officers write only in their own commune's section and only submit to the
editorial board; the admin is driven as a user would: GET the form, POST what it sends."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from directives_app.models import Membership, Unit
from iagrai_cms import roles
from iagrai_cms.models import ArticlePage

PASSWORD = "iagrai-demo"


def add_url(parent) -> str:
    return f"/admin/pages/add/iagrai_cms/articlepage/{parent.pk}/"


DENIED = "Sorry, you do not have permission to access this area."


def vietnamese(msgid: str) -> str:
    """The project's Vietnamese for one of Wagtail's messages (the wording may be revised;
    that it is translated may not)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    assert text != msgid, f"not translated: {msgid}"
    return text


def assert_refused(client, response) -> None:
    """Wagtail answers a denied admin request with a redirect to the dashboard and a
    Vietnamese message (or a bare 403)."""
    if response.status_code == 403:
        return
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/admin/"
    dashboard = client.get("/admin/").content.decode()
    assert vietnamese(DENIED) in dashboard


@pytest.mark.django_db
def test_focal_officer_writes_in_own_section_and_submits(client_for, section, article_form):
    client = client_for("xa-ia-ba.canbo")
    own = section("xa-ia-ba")
    title = "Xã Ia Bă khánh thành nhà văn hóa làng Dơ Roong"
    response, data = article_form(client, own, title)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-submit"' in html  # "Gửi duyệt" is offered…
    assert 'name="action-publish"' not in html  # …publishing is not

    data["action-submit"] = "1"
    response = client.post(add_url(own), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(title=title)
    assert article.get_parent().pk == own.pk
    assert article.slug == "xa-ia-ba-khanh-thanh-nha-van-hoa-lang-do-roong"
    assert article.source_unit.code == "xa-ia-ba"
    assert not article.live
    state = article.current_workflow_state
    assert state.workflow.name == "Biên tập tin bài"
    assert state.current_task_state.task.name == "Ban biên tập duyệt tin"


@pytest.mark.django_db
def test_focal_officer_cannot_write_in_another_communes_section(client_for, section, article_form):
    client = client_for("xa-ia-ba.canbo")
    other = section("xa-ia-o")
    response, _data = article_form(client, other, "Tin giả danh xã Ia O")
    assert_refused(client, response)

    # A hand-made POST (data of the own section's form) is refused just the same.
    _response, data = article_form(client, section("xa-ia-ba"), "Tin giả danh xã Ia O")
    response = client.post(add_url(other), data)
    assert_refused(client, response)
    assert not ArticlePage.objects.filter(title="Tin giả danh xã Ia O").exists()


@pytest.mark.django_db
def test_focal_officer_cannot_publish_even_by_hand(client_for, section, article_form):
    client = client_for("xa-ia-ba.canbo")
    own = section("xa-ia-ba")
    _response, data = article_form(client, own, "Tin tự xuất bản")
    data["action-publish"] = "1"  # the button is not shown; the request is forged
    client.post(add_url(own), data)
    article = ArticlePage.objects.get(title="Tin tự xuất bản")
    assert not article.live
    assert article.get_url() is not None
    assert client.get("/tin-tuc/xa-ia-ba/tin-tu-xuat-ban/").status_code == 404

    # Nor from the edit form.
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.content.decode()
    _response, data = article_form(client, own, "Tin tự xuất bản")
    data["action-publish"] = "1"
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    article.refresh_from_db()
    assert not article.live


@pytest.mark.django_db
def test_focal_officer_edits_own_communes_articles_only(client_for, section, make_article):
    own_article = make_article("Tin của Ia Bă", parent=section("xa-ia-ba"))
    other_article = make_article("Tin của Ia O", parent=section("xa-ia-o"))
    district_article = make_article("Tin của huyện")
    client = client_for("xa-ia-ba.canbo")
    assert client.get(f"/admin/pages/{own_article.pk}/edit/").status_code == 200
    for url in (
        f"/admin/pages/{other_article.pk}/edit/",
        f"/admin/pages/{district_article.pk}/edit/",
        f"/admin/pages/{other_article.pk}/delete/",
        f"/admin/pages/{own_article.pk}/delete/",  # no delete permission at all
    ):
        assert_refused(client, client.get(url))


@pytest.mark.django_db
def test_unit_head_writes_too_but_view_only_staff_do_not(client, section, article_form):
    User = get_user_model()
    ia_o = Unit.objects.get(code="xa-ia-o")
    viewer = User.objects.create_user("xa-ia-o.xem", password=PASSWORD)
    viewer.groups.add(Group.objects.get(name=roles.UNIT_STAFF))
    Membership.objects.create(user=viewer, unit=ia_o, role=Membership.Role.STAFF)
    assert client.login(username="xa-ia-o.xem", password=PASSWORD)
    response, _data = article_form(client, section("xa-ia-o"), "Tin")
    assert_refused(client, response)

    assert client.login(username="xa-ia-o.truong", password=PASSWORD)
    response, _data = article_form(client, section("xa-ia-o"), "Tin")
    assert response.status_code == 200


@pytest.mark.django_db
def test_membership_change_grants_and_revokes_the_section(client, section, article_form):
    User = get_user_model()
    user = User.objects.get(username="xa-ia-ba.canbo")
    ia_o = Unit.objects.get(code="xa-ia-o")
    assert client.login(username="xa-ia-ba.canbo", password=PASSWORD)
    assert_refused(client, article_form(client, section("xa-ia-o"), "Tin")[0])

    membership = Membership.objects.create(user=user, unit=ia_o, role=Membership.Role.FOCAL)
    assert article_form(client, section("xa-ia-o"), "Tin")[0].status_code == 200

    membership.delete()
    assert_refused(client, article_form(client, section("xa-ia-o"), "Tin")[0])
    # The own commune is untouched.
    assert article_form(client, section("xa-ia-ba"), "Tin")[0].status_code == 200


@pytest.mark.django_db
def test_commune_officer_explorer_starts_at_own_section(client_for, section, news_index):
    client = client_for("xa-ia-ba.canbo")
    response = client.get("/admin/pages/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"/admin/pages/{section('xa-ia-ba').pk}/")
    assert "Xã Ia O" not in html
    # Opening another commune's section in the explorer leads back to the own one.
    response = client.get(f"/admin/pages/{section('xa-ia-o').pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{section('xa-ia-ba').pk}/"


@pytest.mark.django_db
def test_each_section_has_its_own_group_named_after_the_commune(section):
    own = section("xa-ia-ba")
    group = own.editors_group
    assert group.name == "Tin bài – Xã Ia Bă"
    assert set(group.user_set.values_list("username", flat=True)) == {
        "xa-ia-ba.canbo",
        "xa-ia-ba.truong",
    }
    codenames = set(group.page_permissions.values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page"}  # never publish_page


@pytest.mark.django_db
def test_article_moved_to_another_section_comes_from_that_commune(
    client, client_for, section, make_article, news_index
):
    article = make_article("Tin chuyển chuyên trang", parent=section("xa-ia-ba"))
    assert article.source_unit.code == "xa-ia-ba"
    board = client_for("banbientap")  # the board may move pages in the whole news tree
    response = board.post(f"/admin/pages/{article.pk}/move/{section('xa-ia-o').pk}/confirm/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.source_unit.code == "xa-ia-o"
    assert "Tin chuyển chuyên trang" in client.get("/tin-tuc/xa-ia-o/").content.decode()
    board.post(f"/admin/pages/{article.pk}/move/{news_index.pk}/confirm/")
    article.refresh_from_db()
    assert article.source_unit is None  # district news


@pytest.mark.django_db
def test_commune_officer_cannot_hand_the_section_to_another_commune(client_for, section):
    from wagtail.test.utils.form_data import querydict_from_html

    own = section("xa-ia-ba")
    client = client_for("xa-ia-ba.canbo")
    url = f"/admin/pages/{own.pk}/edit/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["unit"] = str(Unit.objects.get(code="xa-ia-o").pk)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Chỉ Ban biên tập mới được đổi đơn vị cấp xã của chuyên trang." in (
        response.content.decode()
    )
    own.refresh_from_db()
    assert own.unit.code == "xa-ia-ba"
    assert own.get_latest_revision_as_object().unit.code == "xa-ia-ba"


@pytest.mark.django_db
def test_a_draft_does_not_change_who_writes_until_the_board_publishes(client_for, section):
    from directives_app.models import UnitKind

    own = section("xa-ia-ba")
    group = own.editors_group
    merged = Unit.objects.create(code="xa-ia-ba-moi", name="Xã Ia Bă Mới", kind=UnitKind.COMMUNE)
    writers = {"xa-ia-ba.canbo", "xa-ia-ba.truong"}

    own.unit = merged
    revision = own.save_revision()  # a draft: the stored section still belongs to Ia Bă
    group.refresh_from_db()
    assert group.name == "Tin bài – Xã Ia Bă"
    assert set(group.user_set.values_list("username", flat=True)) == writers

    revision.publish()
    group.refresh_from_db()
    assert group.name == "Tin bài – Xã Ia Bă Mới"
    assert not group.user_set.exists()  # nobody writes for the new unit yet
