"""Error views: the 500 page must render without the database or context processors."""

from django.http import HttpRequest, HttpResponseServerError
from django.template import loader


def server_error(request: HttpRequest) -> HttpResponseServerError:
    return HttpResponseServerError(loader.get_template("500.html").render())
