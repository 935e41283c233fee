"""Context for every public template."""

from django.http import HttpRequest
from wagtail.models import Site


def site_menu(request: HttpRequest) -> dict:
    """The main menu: live pages directly under the site's home marked "show in menus"."""

    def items():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return list(site.root_page.get_children().live().in_menu().only("id", "title", "url_path"))

    # Lazy: admin pages and error pages that never print the menu never query for it.
    from django.utils.functional import SimpleLazyObject

    return {"site_menu": SimpleLazyObject(items)}
