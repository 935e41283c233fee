"""The article editor's action menu for the editorial board, and the refusal of the
actions it no longer shows (rules in iagrai_cms.news.editorial_review)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem

from iagrai_cms.models import ArticlePage

from .editorial_review import APPROVE, REJECT, in_review, may_cancel_review, reviews


def _article(page) -> ArticlePage | None:
    if page is None:
        return None
    page = page.specific_deferred if not isinstance(page, ArticlePage) else page
    return page if isinstance(page, ArticlePage) else None


@hooks.register("construct_page_action_menu")
def board_reviews_with_two_actions(menu_items, request, context) -> None:
    """A reviewer of an article: "Duyệt và xuất bản" (the main button) and "Yêu cầu sửa";
    not "Xuất bản", "Hủy quy trình", "Lưu nháp" or a second approve with a comment."""
    article = _article(context.get("page"))
    if article is None or context.get("view") != "edit" or not reviews(request.user, article):
        return
    approve = [
        item
        for item in menu_items
        if isinstance(item, WorkflowMenuItem) and item.name == APPROVE and not item.launch_modal
    ]
    reject = [
        item for item in menu_items if isinstance(item, WorkflowMenuItem) and item.name == REJECT
    ]
    menu_items[:] = approve[:1] + reject[:1]


@hooks.register("before_edit_page")
def refuse_forged_actions(request, page):
    """A reviewer's posted "publish" or "cancel workflow" is refused before anything is
    saved: the menu no longer offers them, so such a request was not made from it."""
    if request.method != "POST":
        return None
    article = _article(page)
    if article is None:
        return None
    publishing = request.POST.get("action-publish")
    if (
        publishing
        and in_review(article)
        and not article.permissions_for_user(request.user).can_publish()
    ):
        raise PermissionDenied
    if request.POST.get("action-cancel-workflow") and not may_cancel_review(request.user, article):
        raise PermissionDenied
    return None
