"""Wagtail's first migrations name the root of the page tree and the root collection
"Root", in English; the administrators see them in the page explorer, in breadcrumbs and
in every collection picker."""

from django.db import migrations

PAGE = ("Root", "Trang gốc")
COLLECTION = ("Root", "Bộ sưu tập gốc")


def rename(apps, page: tuple[str, str], collection: tuple[str, str]) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    old, new = page
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    old, new = collection
    Collection.objects.filter(depth=1, name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, PAGE, COLLECTION)


def backwards(apps, schema_editor):
    rename(apps, PAGE[::-1], COLLECTION[::-1])


class Migration(migrations.Migration):
    dependencies = [("iagrai_cms", "0005_sync_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
