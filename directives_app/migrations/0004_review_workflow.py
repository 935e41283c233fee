"""The default review workflow of compliance reports: one "Thẩm định báo cáo" step for the
reviewers' group, on every ComplianceReport. Sites may change both in the admin."""

from django.db import migrations

GROUP = "Thẩm định"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    ReviewTask = apps.get_model("directives_app", "ReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    report_type, _ = ContentType.objects.get_or_create(
        app_label="directives_app", model="compliancereport"
    )
    if WorkflowContentType.objects.filter(content_type=report_type).exists():
        return
    task_type, _ = ContentType.objects.get_or_create(app_label="directives_app", model="reviewtask")
    task = ReviewTask.objects.create(name="Thẩm định báo cáo", content_type=task_type, active=True)
    group, _ = Group.objects.get_or_create(name=GROUP)
    task.groups.add(group)
    workflow = Workflow.objects.create(name="Thẩm định báo cáo kết quả", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(content_type=report_type, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("directives_app", "0003_compliance"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
