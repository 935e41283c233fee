"""Small site views. The 500 page must render without the database or context processors."""

from django.http import HttpRequest, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static


def server_error(request: HttpRequest) -> HttpResponseServerError:
    return HttpResponseServerError(loader.get_template("500.html").render())


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page links to."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
