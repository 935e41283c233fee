"""Admin chrome of the site."""

from wagtail import hooks


@hooks.register("construct_main_menu")
def hide_external_help(request, menu_items):
    # Wagtail's help menu links to English pages on the internet; staff here need neither.
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "help"]


# The news admin (categories snippet) registers itself in its own module.
from . import news_admin  # noqa: E402, F401
