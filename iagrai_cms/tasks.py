"""Background tasks of the site (django-tasks); see directives_app.tasks for the others."""

from __future__ import annotations

from django_tasks import task


@task()
def generate_renditions(image_id: int) -> int:
    from .news.image_renditions import make_renditions

    return make_renditions(image_id)
