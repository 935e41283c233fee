"""Context for every public template."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .caching.site_chrome import main_menu, report_page


def site_menu(request: HttpRequest) -> dict:
    """The main menu (iagrai_cms.caching.site_chrome.main_menu) and the report form's address,
    which the home page and the footer offer as a call to action."""
    # Lazy: admin pages and error pages that never print the menu never query for it.
    return {
        "site_menu": SimpleLazyObject(lambda: main_menu(request)),
        "report_page": SimpleLazyObject(lambda: report_page(request)),
    }
