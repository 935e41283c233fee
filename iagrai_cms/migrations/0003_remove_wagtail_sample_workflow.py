"""Wagtail ships a "Moderators approval" workflow on the root page and English sample
groups; the site defines its own workflows per section and its own Vietnamese roles."""

from django.db import migrations


def remove_samples(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name="Moderators approval").delete()
    Task.objects.filter(name="Moderators approval").delete()
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [("iagrai_cms", "0002_home_page_and_roles")]

    operations = [migrations.RunPython(remove_samples, migrations.RunPython.noop)]
