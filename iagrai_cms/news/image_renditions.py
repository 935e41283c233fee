"""Renditions of an uploaded photo, made by the task worker (issue 17) instead of by the
first visitor of the page that shows it.

RENDITION_SPECS lists the filters the site's templates ask for (news cards, article
heads, body images, the share image); keep it in step with them. Only a backend with a
worker (one that can defer, i.e. the durable one) gets the task: with the immediate
backend (make run, tests) an upload would wait for a dozen resizes, and the templates
make any missing rendition on first view as before.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from wagtail.images import get_image_model

RENDITION_SPECS = [
    f"{size}|format-{fmt}"
    for fmt in ("webp", "jpeg")
    for size in (
        "fill-480x270",
        "fill-800x450",
        "fill-1200x675",
        "fill-400x225",
        "width-480",
        "width-800",
        "width-1200",
    )
] + ["fill-1200x630|format-jpeg|jpegquality-82"]


def make_renditions(image_id: int) -> int:
    """Create the missing renditions of one image; how many it has now."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0  # deleted before the worker got to it
    return len(image.get_renditions(*RENDITION_SPECS))


def _image_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    from iagrai_cms.tasks import generate_renditions

    if raw or not (created or "file" in (kwargs.get("update_fields") or ())):
        return
    if generate_renditions.get_backend().supports_defer:
        generate_renditions.enqueue(instance.pk)


def connect_signals() -> None:
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="image-renditions")
