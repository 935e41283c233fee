"""Editor writes, the editorial board approves ("Biên tập tin bài"); only then is an article
public. Driven through the admin as the users would."""

from __future__ import annotations

import pytest

from iagrai_cms.models import ArticlePage

PASSWORD = "iagrai-demo"


def add_url(parent) -> str:
    return f"/admin/pages/add/iagrai_cms/articlepage/{parent.pk}/"


def submit(client, parent, article_form, title: str) -> ArticlePage:
    response, data = article_form(client, parent, title)
    assert response.status_code == 200
    data["action-submit"] = "1"
    response = client.post(add_url(parent), data)
    assert response.status_code == 302, response.status_code
    return ArticlePage.objects.get(title=title)


def workflow_action_url(article: ArticlePage, action: str) -> str:
    task_state = article.current_workflow_task_state
    return f"/admin/pages/workflow/action/{article.pk}/{action}/{task_state.pk}/"


@pytest.mark.django_db
def test_editor_submits_board_approves_article_goes_public(
    client, client_for, news_index, article_form
):
    editor = client_for("bientap")
    title = "Huyện tổ chức tập huấn kỹ năng số cho cán bộ xã"
    article = submit(editor, news_index, article_form, title)
    url = "/tin-tuc/huyen-to-chuc-tap-huan-ky-nang-so-cho-can-bo-xa/"
    assert not article.live
    assert client.get(url).status_code == 404
    assert title not in client.get("/tin-tuc/").content.decode()

    # The editor cannot approve their own article.
    editor.post(workflow_action_url(article, "approve"))
    article.refresh_from_db()
    assert not article.live

    board = client_for("banbientap")
    dashboard = board.get("/admin/").content.decode()
    assert title in dashboard  # "awaiting your review"
    response = board.post(workflow_action_url(article, "approve"), {"comment": "Đạt."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.current_workflow_state is None

    page = client.get(url)
    assert page.status_code == 200
    assert title in page.content.decode()
    assert title in client.get("/tin-tuc/").content.decode()
    assert title in client.get("/").content.decode()  # home page: latest news


@pytest.mark.django_db
def test_board_requests_changes_article_stays_private(client, client_for, news_index, article_form):
    editor = client_for("bientap")
    article = submit(editor, news_index, article_form, "Bản tin cần sửa")
    board = client_for("banbientap")
    response = board.post(workflow_action_url(article, "reject"), {"comment": "Thiếu nguồn ảnh."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.status == "needs_changes"
    assert client.get(article.url).status_code == 404


@pytest.mark.django_db
def test_editor_writes_only_news_not_other_pages(client_for, home, news_index, section):
    editor = client_for("bientap")
    assert editor.get(add_url(news_index)).status_code == 200
    # District editors may also write in (and fix) the communes' sections.
    assert editor.get(add_url(section("xa-ia-o"))).status_code == 200
    response = editor.get(f"/admin/pages/add/iagrai_cms/standardpage/{home.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = editor.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.django_db
def test_editor_cannot_publish_by_hand(client, client_for, news_index, article_form):
    editor = client_for("bientap")
    response, data = article_form(editor, news_index, "Tin chưa duyệt")
    assert 'name="action-publish"' not in response.content.decode()
    data["action-publish"] = "1"
    editor.post(add_url(news_index), data)
    article = ArticlePage.objects.get(title="Tin chưa duyệt")
    assert not article.live


@pytest.mark.django_db
def test_missing_lead_is_refused_in_vietnamese_and_nothing_saved(
    client_for, news_index, article_form
):
    editor = client_for("bientap")
    _response, data = article_form(editor, news_index, "Tin thiếu sapo", summary="")
    data["action-submit"] = "1"
    response = editor.post(add_url(news_index), data)
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not ArticlePage.objects.filter(title="Tin thiếu sapo").exists()


@pytest.mark.django_db
def test_the_demo_workflow_is_on_the_news_index(news_index):
    workflow = news_index.get_workflow()
    assert workflow.name == "Biên tập tin bài"
    tasks = list(workflow.tasks.specific())
    assert [task.name for task in tasks] == ["Ban biên tập duyệt tin"]
    assert [group.name for group in tasks[0].groups.all()] == ["Ban biên tập"]
