"""Administrators may see and clear login lockouts (django-axes' access attempts), the
"Khóa đăng nhập" screen (issue 12.6); sync_roles is idempotent."""

from django.db import migrations


def sync(apps, schema_editor):
    from iagrai_cms.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("iagrai_cms", "0009_article_from_report"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
