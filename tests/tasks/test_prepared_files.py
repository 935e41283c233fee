"""Files prepared in the background (exports, the PDF report): the status page and its
progress bar, the download only for whoever asked, the e-mail sent once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from directives_app.models import OutgoingEmail, PreparedFile

DASHBOARD = "/admin/tien-do/"


def ask(client, url: str) -> PreparedFile:
    response = client.get(url)
    assert response.status_code == 302
    return PreparedFile.objects.get(pk=response.url.split("/")[-2])


@pytest.mark.django_db
def test_export_is_mailed_once_and_downloads_only_for_its_owner(client_for):
    leader = get_user_model().objects.get(username="lanhdao")
    leader.email = "lanhdao@example.org"
    leader.save()
    prepared = ask(client_for("lanhdao"), DASHBOARD + "?export=csv")
    assert prepared.status == PreparedFile.Status.DONE
    assert prepared.file.name == f"tac-vu/{prepared.pk}.csv"
    assert [message.to for message in mail.outbox] == [["lanhdao@example.org"]]
    assert f"/admin/tep/{prepared.pk}/" in mail.outbox[0].body
    status_url = f"/admin/tep/{prepared.pk}/"
    # Another leader, a reviewer, a unit head, an anonymous visitor: the file does not exist.
    for username in ("thamdinh", "xa-ia-ba.truong"):
        assert client_for(username).get(status_url).status_code == 404
        assert client_for(username).get(status_url + "tai-ve/").status_code == 404
    anonymous = client_for("lanhdao").__class__()
    assert anonymous.get(status_url + "tai-ve/").status_code in (302, 404)
    assert client_for("admin").get(status_url + "tai-ve/").status_code == 200
    # Built again (a worker that died after writing it): still one file and one e-mail.
    from directives_app.background.prepared_files import build_prepared_file

    PreparedFile.objects.filter(pk=prepared.pk).update(status=PreparedFile.Status.RUNNING)
    assert build_prepared_file(str(prepared.pk)) == "done"
    prepared.refresh_from_db()
    assert prepared.file.name == f"tac-vu/{prepared.pk}.csv"
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.filter(key=f"prepared-file:{prepared.pk}").count() == 1


@pytest.mark.django_db
def test_status_page_shows_progress_and_reloads_until_done(client_for):
    leader = get_user_model().objects.get(username="lanhdao")
    prepared = PreparedFile.objects.create(
        requested_by=leader,
        kind="xlsx",
        title="Tiến độ thực hiện (XLSX)",
        filename="tien-do.xlsx",
        status=PreparedFile.Status.RUNNING,
        rows_total=800_000,
        rows_done=200_000,
    )
    client = client_for("lanhdao")
    html = client.get(f"/admin/tep/{prepared.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'max="100" value="25"' in html
    assert "200000 / 800000" in html.replace(".", "").replace(",", "")
    assert "<script>" not in html.split('id="prepared-progress"')[1].split("</main>")[0]
    # Not ready yet: no download.
    assert client.get(f"/admin/tep/{prepared.pk}/tai-ve/").status_code == 404
    PreparedFile.objects.filter(pk=prepared.pk).update(status=PreparedFile.Status.FAILED)
    html = client.get(f"/admin/tep/{prepared.pk}/").content.decode()
    assert "Không chuẩn bị được tệp" in html and "http-equiv" not in html


@pytest.mark.django_db
def test_queued_export_returns_at_once_with_the_durable_backend(client_for):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        prepared = ask(client_for("lanhdao"), DASHBOARD + "?export=xlsx&nam=2021")
    assert prepared.status == PreparedFile.Status.QUEUED and not prepared.file
    assert prepared.params == {"nam": ["2021"]}
    task = DBTaskResult.objects.get(task_path="directives_app.tasks.prepare_file")
    assert task.args_kwargs["args"] == [str(prepared.pk)]


@pytest.mark.django_db
def test_pdf_report_of_unknown_directive_is_404_and_queues_nothing(client_for):
    assert client_for("lanhdao").get("/admin/tien-do/999999/pdf/").status_code == 404
    assert not PreparedFile.objects.exists()


@pytest.mark.django_db
def test_bad_file_ids_are_404(client_for):
    client = client_for("lanhdao")
    assert client.get("/admin/tep/khong-phai-uuid/").status_code == 404
    assert client.get("/admin/tep/00000000-0000-0000-0000-000000000000/").status_code == 404
