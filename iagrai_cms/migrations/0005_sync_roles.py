"""Give the roles the permissions of the news, compliance and conduct features (the
matrix is iagrai_cms.roles.ROLES; sync_roles is idempotent)."""

from django.db import migrations


def sync(apps, schema_editor):
    from iagrai_cms.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("iagrai_cms", "0004_news"),
        ("directives_app", "0006_imported_letter"),
        ("conduct_app", "0002_incident_log"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
