"""Who may write in a commune's news section: the unit's head and focal officers.

Each commune section has its own Wagtail group holding "add" and "change" page permissions
on that section (never "publish"), plus adding and choosing images. Wagtail then enforces
the scope everywhere (explorer, editor, move, copy, chooser) with its own page permission
checks. Memberships (directives_app) decide who is in the group; the signal handlers below
keep the group in step when a membership or a section changes.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from directives_app.models import Membership

# Membership roles that may write news for their commune.
WRITER_ROLES = [Membership.Role.HEAD, Membership.Role.FOCAL]
SECTION_PAGE_PERMISSIONS = ["add_page", "change_page"]
SECTION_COLLECTION_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]
GROUP_NAME = "Tin bài – {unit}"


def sync_section_group(section) -> Group:
    """Create or rename the section's group, set its permissions and its members."""
    name = GROUP_NAME.format(unit=section.unit.name)[:150]
    group = section.editors_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
        type(section).objects.filter(pk=section.pk).update(editors_group=group)
        section.editors_group = group
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    _set_permissions(group, section)
    writers = get_user_model().objects.filter(
        unit_memberships__unit_id=section.unit_id, unit_memberships__role__in=WRITER_ROLES
    )
    group.user_set.set(writers.distinct())
    return group


def _set_permissions(group: Group, section) -> None:
    GroupPagePermission.objects.filter(group=group).exclude(page=section).delete()
    for codename in SECTION_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=section,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root = Collection.get_first_root_node()
    if root is not None:
        for app_label, codename in SECTION_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )


def sync_user(user) -> None:
    """Put the user in exactly the section groups of the communes they write for."""
    from iagrai_cms.models import CommuneNewsIndexPage

    sections = CommuneNewsIndexPage.objects.exclude(editors_group=None)
    all_groups = set(sections.values_list("editors_group_id", flat=True))
    wanted = set(
        sections.filter(
            unit__memberships__user=user, unit__memberships__role__in=WRITER_ROLES
        ).values_list("editors_group_id", flat=True)
    )
    held = set(user.groups.filter(pk__in=all_groups).values_list("pk", flat=True))
    if wanted - held:
        user.groups.add(*(wanted - held))
    if held - wanted:
        user.groups.remove(*(held - wanted))


def _membership_changed(sender, instance: Membership, **kwargs) -> None:
    user_ids = {instance.user_id}
    # A membership moved to another user: the previous user loses the section too.
    loaded = getattr(instance, "_loaded_pair", None)
    if loaded:
        user_ids.add(loaded[0])
    for user in get_user_model().objects.filter(pk__in=user_ids):
        sync_user(user)


def _section_saved(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    # Saving a draft revision saves the page's bookkeeping fields only, with the draft's
    # values in memory: the unit that counts is the stored (published) one.
    stored = type(instance).objects.select_related("unit", "editors_group").get(pk=instance.pk)
    sync_section_group(stored)


def _section_deleted(sender, instance, **kwargs) -> None:
    if instance.editors_group_id:
        Group.objects.filter(pk=instance.editors_group_id).delete()


def _article_moved(sender, instance, parent_page_after, **kwargs) -> None:
    # Wagtail saves a moved page as a plain Page: ArticlePage.save() does not see the move.
    from iagrai_cms.models import ArticlePage, CommuneNewsIndexPage

    unit_id = (
        CommuneNewsIndexPage.objects.filter(pk=parent_page_after.pk)
        .values_list("unit_id", flat=True)
        .first()
    )
    ArticlePage.objects.filter(pk=instance.pk).update(source_unit_id=unit_id)


def connect_signals() -> None:
    from wagtail.signals import post_page_move

    from iagrai_cms.models import ArticlePage, CommuneNewsIndexPage

    # An article moved to another commune's section now comes from that commune.
    post_page_move.connect(_article_moved, sender=ArticlePage, dispatch_uid="news-article-moved")

    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="news-membership-saved")
    post_delete.connect(
        _membership_changed, sender=Membership, dispatch_uid="news-membership-deleted"
    )
    post_save.connect(_section_saved, sender=CommuneNewsIndexPage, dispatch_uid="news-section")
    post_delete.connect(
        _section_deleted, sender=CommuneNewsIndexPage, dispatch_uid="news-section-deleted"
    )
