"""Issue 15, item 10: the article editor starts with a paragraph and says how to add more;
under review the board has one approve-and-publish action and one "request changes", and a
forged "publish" or "cancel workflow" from a board member changes nothing."""

from __future__ import annotations

import re

import pytest

from iagrai_cms.models import ArticlePage


def submit(client, parent, article_form, title: str) -> ArticlePage:
    """The editor fills the "add article" form and presses "Gửi duyệt"."""
    _response, data = article_form(client, parent, title)
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/add/iagrai_cms/articlepage/{parent.pk}/", data)
    assert response.status_code == 302, response.status_code
    return ArticlePage.objects.get(title=title)


def edit_url(article: ArticlePage) -> str:
    return f"/admin/pages/{article.pk}/edit/"


@pytest.fixture
def under_review(client_for, news_index, article_form):
    editor = client_for("bientap")
    return submit(editor, news_index, article_form, "Tin chờ Ban biên tập duyệt")


@pytest.mark.django_db
def test_new_article_body_starts_with_a_paragraph_and_says_how_to_add(client_for, news_index):
    editor = client_for("bientap")
    html = editor.get(f"/admin/pages/add/iagrai_cms/articlepage/{news_index.pk}/").content.decode()
    assert "Thêm đoạn, ảnh, trích dẫn" in html
    # The stream's initial value (read by Wagtail's block widget) holds one paragraph.
    assert re.search(r"&quot;type&quot;: &quot;paragraph&quot;", html)
    assert ArticlePage().body.raw_data[0]["type"] == "paragraph"


@pytest.mark.django_db
def test_board_sees_approve_and_request_changes_only(client_for, under_review):
    html = client_for("banbientap").get(edit_url(under_review)).content.decode()
    assert "Duyệt và xuất bản" in html
    assert "Yêu cầu sửa" in html
    for absent in ("Hủy quy trình", "Duyệt kèm nhận xét", 'name="action-publish"'):
        assert absent not in html, absent
    assert 'name="action-cancel-workflow"' not in html


@pytest.mark.django_db
def test_administrator_keeps_every_action(client_for, under_review):
    html = client_for("admin").get(edit_url(under_review)).content.decode()
    assert 'name="action-publish"' in html
    assert "Duyệt và xuất bản" in html
    assert 'name="action-cancel-workflow"' in html


@pytest.mark.django_db
def test_editor_keeps_cancelling_own_submission(client_for, under_review):
    # Wagtail locks an article under review for its writer; they may take it back.
    html = client_for("bientap").get(edit_url(under_review)).content.decode()
    assert 'name="action-cancel-workflow"' in html
    assert "Duyệt và xuất bản" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("forged", ["action-publish", "action-cancel-workflow"])
def test_forged_publish_or_cancel_by_board_changes_nothing(
    client, client_for, under_review, article_form, forged
):
    board = client_for("banbientap")
    revisions = under_review.revisions.count()
    _response, data = article_form(board, under_review.get_parent(), under_review.title)
    data[forged] = "1"
    response = board.post(edit_url(under_review), data)
    # Wagtail's answer to PermissionDenied in the admin: back to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    article = ArticlePage.objects.get(pk=under_review.pk)
    assert not article.live
    assert article.current_workflow_state is not None
    assert article.current_workflow_state.status == "in_progress"
    assert article.revisions.count() == revisions
    assert client.get("/tin-tuc/tin-cho-ban-bien-tap-duyet/").status_code == 404


@pytest.mark.django_db
def test_board_approves_from_the_editor_and_it_is_live(client_for, under_review, article_form):
    board = client_for("banbientap")
    _response, data = article_form(board, under_review.get_parent(), under_review.title)
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = "approve"
    response = board.post(edit_url(under_review), data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=under_review.pk)
    assert article.live
    assert article.current_workflow_state is None
