"""Non-page URLs of conduct_app: report screenshots behind a permission check (404 for
anyone without access, never a login redirect that would confirm the file exists)."""

from django.urls import path

from .incidents.private_files import serve_screenshot

urlpatterns = [
    path("anh-phan-anh/<id:screenshot_id>/", serve_screenshot, name="conduct_screenshot"),
]
