"""Admin chrome of the site."""

from wagtail import hooks


@hooks.register("construct_main_menu")
def hide_external_help(request, menu_items):
    # Wagtail's help menu links to English pages on the internet; staff here need neither.
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "help"]


# The news admin (categories snippet) and evidence promotion (accepted compliance reports
# turned into draft articles) register themselves in their own modules.
from . import news_admin, report_article_admin  # noqa: E402, F401
