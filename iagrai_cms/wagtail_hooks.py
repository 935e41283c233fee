"""Admin chrome of the site."""

from wagtail import hooks


@hooks.register("construct_main_menu")
def hide_external_help(request, menu_items):
    # Wagtail's help menu links to English pages on the internet; staff here need neither.
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "help"]


# The news admin (categories snippet) and evidence promotion (accepted compliance reports
# turned into draft articles) register themselves in their own modules.
# -- staff sign-in security (issue 12.6) ----------------------------------------------------
from django.urls import path  # noqa: E402
from wagtail.permissions import register_permission_policy  # noqa: E402

from .news import admin, editorial_review_admin, report_article_admin  # noqa: E402, F401
from .staff_security import views as staff_security_views  # noqa: E402
from .staff_security.viewsets import UNLOCK_POLICY, LoginLockoutViewSet  # noqa: E402

register_permission_policy(LoginLockoutViewSet.model, UNLOCK_POLICY)


@hooks.register("register_admin_urls")
def staff_two_factor_urls():
    return [
        path(
            "xac-thuc-hai-buoc/",
            staff_security_views.verify,
            name="staff_two_factor_verify",
        ),
        path(
            "xac-thuc-hai-buoc/cai-dat/",
            staff_security_views.setup,
            name="staff_two_factor_setup",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_login_lockouts():
    return LoginLockoutViewSet()
