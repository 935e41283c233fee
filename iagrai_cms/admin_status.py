"""Invalid admin forms answer 400, not 200.

Wagtail re-renders an invalid form with status 200; the project's rule is that bad input
gets a 4xx (clients, monitoring and tests can tell a refused save from a saved one).
"""

from django.http import HttpRequest


class InvalidFormStatusMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_template_response(self, request: HttpRequest, response):
        if request.method == "POST" and response.status_code == 200:
            form = (response.context_data or {}).get("form")
            errors = getattr(form, "errors", None)
            formsets = getattr(form, "formsets", {}) or {}
            if errors or any(
                formset.is_bound and not formset.is_valid() for formset in formsets.values()
            ):
                response.status_code = 400
        return response
