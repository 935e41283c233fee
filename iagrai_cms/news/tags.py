"""Tags (django-taggit, used by articles, images and documents) get Vietnamese slugs:
"Chuyển đổi số" → `chuyen-doi-so`, as page slugs do (DESIGN §7), not taggit's
`chuyen-oi-so` (Django's slugify drops "đ")."""

from __future__ import annotations

from django.db.models.signals import pre_save
from taggit.models import Tag

from directives_app.core.vietnamese import slugify_vi


def _vietnamese_slug(sender, instance: Tag, **kwargs) -> None:
    # Only a new tag's first slug: taggit retries a taken slug with a suffix ("_1"), and a
    # tag's slug never changes once its URL may have been shared.
    if instance.pk is None and instance.slug == instance.slugify(instance.name):
        slug = slugify_vi(instance.name)[: Tag._meta.get_field("slug").max_length]
        instance.slug = slug or instance.slug


def connect_signals() -> None:
    pre_save.connect(_vietnamese_slug, sender=Tag, dispatch_uid="vietnamese-tag-slug")
