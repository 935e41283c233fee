"""The staff roles as Django groups, and what each may do in the admin.

`sync_roles` is idempotent: migrations call it with historical models, `load_demo` with
the live ones; a later migration that changes the matrix calls it again.
Unit heads and focal officers get their rights per unit from memberships
(directives_app.units.permissions); the group only lets them into the admin.
"""

from __future__ import annotations

from typing import Any

EDITORS = "Biên tập viên"
EDITORIAL_BOARD = "Ban biên tập"
CLERKS = "Văn thư"
LEADERS = "Lãnh đạo"
REVIEWERS = "Thẩm định"
INCIDENT_HANDLERS = "Xử lý phản ánh"
ADMINISTRATORS = "Quản trị hệ thống"
UNIT_STAFF = "Cán bộ đơn vị"

ACCESS_ADMIN = "wagtailadmin.access_admin"
UNITS_VIEW = [
    "directives_app.view_unit",
    "directives_app.view_addresseegroup",
    "directives_app.view_membership",
]
UNITS_ALL = [
    f"directives_app.{action}_{model}"
    for model in ("unit", "addresseegroup", "membership", "unitalias")
    for action in ("add", "change", "delete", "view")
]
# conduct_app: units file reports from the admin; handlers see (their unit's) reports and,
# unless the reporter asked for confidentiality, their contact; leaders read statistics.
INCIDENTS_FILE = "conduct_app.file_incidentreport"
INCIDENTS_HANDLE = [
    "conduct_app.view_incidentreport",
    "conduct_app.change_incidentreport",
    INCIDENTS_FILE,
    "conduct_app.view_reporter_contact",
]
CONDUCT_STATISTICS = [
    "conduct_app.view_incident_statistics",
    "conduct_app.view_acknowledgement_coverage",
]
CONDUCT_ALL = [
    *INCIDENTS_HANDLE,
    *CONDUCT_STATISTICS,
    "conduct_app.add_incidentreport",
    "conduct_app.handle_all_incidentreports",
    "conduct_app.view_confidential_contact",
    "conduct_app.change_incidentroutingsettings",
    *(f"conduct_app.{a}_officialchannel" for a in ("add", "change", "delete", "view")),
]
NEWS_CATEGORIES_ALL = [
    f"iagrai_cms.{action}_articlecategory" for action in ("add", "change", "delete", "view")
]

# group → model permissions ("app.codename"), page permissions on the home page ("page"),
# on the register of directives ("directives") and on the news index ("news"), collection
# permissions on the root collection ("collection"). Commune officers get theirs on their
# commune's news section from iagrai_cms.news.permissions.
ROLES: dict[str, dict[str, list[str]]] = {
    EDITORS: {
        "model": [ACCESS_ADMIN],
        "page": [],
        "news": ["add_page", "change_page"],
        "collection": ["add_image", "choose_image", "add_document", "choose_document"],
    },
    EDITORIAL_BOARD: {
        "model": [ACCESS_ADMIN, *NEWS_CATEGORIES_ALL],
        "page": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection": [
            "add_image",
            "change_image",
            "choose_image",
            "delete_image",
            "add_document",
            "change_document",
            "choose_document",
            "delete_document",
        ],
    },
    CLERKS: {
        "model": [ACCESS_ADMIN, *UNITS_VIEW],
        "page": [],
        "directives": ["add_page", "change_page"],
        "collection": ["add_document", "change_document", "choose_document"],
    },
    LEADERS: {
        "model": [
            ACCESS_ADMIN,
            *UNITS_VIEW,
            "directives_app.view_compliancereport",
            *CONDUCT_STATISTICS,
        ],
        "page": [],
        "collection": [],
    },
    REVIEWERS: {
        "model": [
            ACCESS_ADMIN,
            "directives_app.view_unit",
            "directives_app.review_compliancereport",
            INCIDENTS_FILE,
        ],
        "page": [],
        "collection": [],
    },
    INCIDENT_HANDLERS: {"model": [ACCESS_ADMIN, *INCIDENTS_HANDLE], "page": [], "collection": []},
    UNIT_STAFF: {"model": [ACCESS_ADMIN, INCIDENTS_FILE], "page": [], "collection": []},
    ADMINISTRATORS: {
        "model": [
            ACCESS_ADMIN,
            *UNITS_ALL,
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "auth.view_user",
            "auth.add_group",
            "auth.change_group",
            "auth.delete_group",
            "auth.view_group",
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailcore.delete_site",
            "wagtailcore.add_workflow",
            "wagtailcore.change_workflow",
            "wagtailcore.add_task",
            "wagtailcore.change_task",
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "iagrai_cms.change_sitesettings",
            *NEWS_CATEGORIES_ALL,
            # "Khóa đăng nhập": see and clear login lockouts (issue 12.6).
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
            *CONDUCT_ALL,
        ],
        "page": [
            "add_page",
            "change_page",
            "publish_page",
            "bulk_delete_page",
            "lock_page",
            "unlock_page",
        ],
        "collection": [
            "add_image",
            "change_image",
            "choose_image",
            "delete_image",
            "add_document",
            "change_document",
            "choose_document",
            "delete_document",
        ],
    },
}


def _ensure_permissions(apps) -> None:
    """Permissions are normally created after migrate; a data migration needs them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Historical app configs have no models module and create_permissions skips them;
        # lend one for the call and put back whatever was there (live configs keep theirs).
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original


def _permission(apps, label: str) -> Any:
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _existing_permissions(apps, labels: list[str]) -> list[Any]:
    """The permissions of `labels` that exist. An early migration runs before later models
    (and their permissions) exist; the migration that adds them calls sync_roles again."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for label in labels:
        app_label, codename = label.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def sync_roles(apps) -> None:
    """Create the groups and give each exactly the permissions of ROLES."""
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    # Wagtail's English sample groups would sit beside ours with overlapping rights.
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    home = Page.objects.filter(depth=2).order_by("path").first()
    register = Page.objects.filter(
        content_type__app_label="directives_app", content_type__model="directiveindexpage"
    ).first()
    news = Page.objects.filter(
        content_type__app_label="iagrai_cms", content_type__model="newsindexpage"
    ).first()
    root_collection = Collection.objects.filter(depth=1).first()
    # Rows that already match are kept (same ids): running this again changes nothing.
    for name, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_existing_permissions(apps, grants["model"]))
        wanted_pages = {
            (page.pk, _permission(apps, f"wagtailcore.{codename}").pk)
            for page, codenames in (
                (home, grants["page"]),
                (register, grants.get("directives", [])),
                (news, grants.get("news", [])),
            )
            if page is not None
            for codename in codenames
        }
        _sync_rows(GroupPagePermission, group, "page_id", wanted_pages)
        wanted_collections = set()
        if root_collection is not None:
            for codename in grants["collection"]:
                app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                wanted_collections.add(
                    (root_collection.pk, _permission(apps, f"{app}.{codename}").pk)
                )
        _sync_rows(GroupCollectionPermission, group, "collection_id", wanted_collections)


def _sync_rows(model, group, target: str, wanted: set[tuple[int, int]]) -> None:
    """Make the group's (target, permission) rows of `model` exactly `wanted`."""
    rows = model.objects.filter(group=group).values_list("pk", target, "permission_id")
    held = {(target_id, permission_id): pk for pk, target_id, permission_id in rows}
    model.objects.filter(pk__in=[pk for pair, pk in held.items() if pair not in wanted]).delete()
    model.objects.bulk_create(
        model(group=group, **{target: target_id, "permission_id": permission_id})
        for target_id, permission_id in sorted(wanted - set(held))
    )
