"""Draft directives created from imported letters: fields, tasks and addressees filled,
the original attached (privately), the warnings kept for the editor; all or nothing."""

from __future__ import annotations

import pytest
from importer_support import LETTERS, SEED
from wagtail.models import PageLogEntry

from directives_app.importer.drafts import IMPORTS_COLLECTION, DraftRefused, analyse, create_draft
from directives_app.importer.text import read_letter
from directives_app.models import DirectiveAddressee, DirectivePage

pytestmark = pytest.mark.django_db
COMPLETE = LETTERS / "06_one_line_header_hard_wrapped.txt"
FOREIGN = LETTERS / "01_pleiku_web_interleaved.txt"


def imported(path, register, **kwargs):
    source = read_letter(path.read_bytes(), path.name)
    return create_draft(analyse(source.text), source, parent=register, **kwargs)


def counts():
    from wagtail.documents import get_document_model

    from directives_app.models.imports import ImportedLetter

    return (
        DirectivePage.objects.count(),
        get_document_model().objects.count(),
        ImportedLetter.objects.count(),
    )


def test_seed_becomes_a_draft_with_its_tasks_and_addressees(register, django_user_model):
    clerk = django_user_model.objects.get(username="vanthu")
    result = imported(SEED, register, user=clerk)
    page = DirectivePage.objects.get(pk=result.page.pk)
    assert not page.live and not result.published
    assert page.get_parent().specific == register
    assert (
        page.title == "tăng cường quản lý thông tin trên internet, mạng xã hội trên địa bàn huyện"
    )
    assert (page.doc_type, page.number, page.issued_on, page.place) == ("cong_van", None, None, "")
    assert page.issuer.code == "ubnd-huyen-ia-grai"
    assert page.drafting_unit.code == "phong-vhtt"
    assert page.recipients_text.splitlines() == [
        "Các cơ quan, đơn vị thuộc huyện",
        "Ủy ban nhân dân các xã, thị trấn",
    ]
    assert page.body.startswith("Thực hiện Công văn số 412-CV/HU")
    assert page.closing.endswith("triển khai thực hiện./.")
    assert page.signer_authority_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert (page.signer_title, page.signer_name) == ("PHÓ CHỦ TỊCH", "Đỗ Văn Đông")
    assert page.distribution_lines[0] == "- Như trên;" and len(page.distribution_lines) == 5
    assert [basis.symbol for basis in page.legal_basis.all()] == ["412-CV/HU"]
    tasks = page.task_list
    assert [task.heading for task in tasks] == [
        "Các cơ quan, đơn vị thuộc huyện; Ủy ban nhân dân các xã, thị trấn",
        "Phòng Văn hóa và Thông tin",
        "Công an huyện",
        "Trung tâm Văn hóa, Thông tin và Thể thao; UBND các xã, thị trấn",
    ]
    assert [sorted(g.code for g in task.addressee_groups.all()) for task in tasks] == [
        ["co-quan-don-vi-thuoc-huyen", "ubnd-cac-xa-thi-tran"],
        [],
        [],
        ["ubnd-cac-xa-thi-tran"],
    ]
    assert [[u.code for u in task.addressee_units.all()] for task in tasks] == [
        [],
        ["phong-vhtt"],
        ["cong-an-huyen"],
        ["ttvh-tt-tt"],
    ]
    assert tasks[0].body.count("\n- ") == 2 and tasks[0].body.startswith("- Đẩy mạnh")
    assert page.latest_revision is not None and page.latest_revision.user == clerk
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.create", "directives_app.import"} <= actions


def test_original_is_kept_privately_with_the_warnings(register):
    from wagtail.models import CollectionViewRestriction

    result = imported(SEED, register)
    record = result.imported
    assert record.page_id == result.page.pk
    assert record.warnings == [
        "Văn bản chưa có số (bản dự thảo): số được cấp khi ban hành.",
        "Văn bản chưa ghi ngày tháng (bản dự thảo): ngày được ghi khi ban hành.",
    ]
    assert record.parsed["tasks"][1]["units"] == ["phong-vhtt"]
    document = record.document
    assert document.collection.name == IMPORTS_COLLECTION
    restriction = CollectionViewRestriction.objects.get(collection=document.collection)
    assert restriction.restriction_type == CollectionViewRestriction.LOGIN
    with document.file.open("rb") as file:
        assert file.read() == SEED.read_bytes()
    assert document.file.name.endswith(".txt") and document.file_size == len(SEED.read_bytes())


def test_original_cannot_be_downloaded_anonymously(register, client, client_for):
    document = imported(SEED, register).imported.document
    response = client.get(document.url)
    assert response.status_code in (302, 403)
    assert client_for("vanthu").get(document.url).status_code == 200


def test_same_title_twice_gets_another_slug(register):
    first = imported(SEED, register).page
    second = imported(SEED, register).page
    assert first.slug != second.slug


def test_publish_refused_for_an_unsigned_draft(register):
    result = imported(SEED, register, publish=True)
    assert not result.published
    assert not DirectivePage.objects.get(pk=result.page.pk).live
    assert "Văn bản chưa có số (bản dự thảo): số được cấp khi ban hành." in result.not_published


def test_complete_letter_is_issued_with_its_own_number(register):
    result = imported(COMPLETE, register, publish=True)
    page = DirectivePage.objects.get(pk=result.page.pk)
    assert result.published and page.live
    assert (page.number, page.issued_on.isoformat(), page.symbol) == (
        1203,
        "2021-12-22",
        "1203/UBND-VHTT",
    )
    addressed = set(
        DirectiveAddressee.objects.filter(page=page).values_list("unit__code", flat=True)
    )
    assert {"cong-an-huyen", "phong-vhtt", "ttvh-tt-tt", "xa-ia-ba", "tt-ia-kha"} <= addressed


def test_foreign_issuer_is_refused_and_nothing_is_created(register, settings):
    before = counts()
    with pytest.raises(DraftRefused, match="ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU"):
        imported(FOREIGN, register)
    assert counts() == before


def test_number_already_used_is_refused(register):
    imported(COMPLETE, register)
    before = counts()
    with pytest.raises(DraftRefused, match="1203"):
        imported(COMPLETE, register)
    assert counts() == before


def test_failure_after_the_original_is_stored_leaves_no_file(register, monkeypatch, settings):
    from pathlib import Path

    from directives_app.models.imports import ImportedLetter

    documents = Path(settings.MEDIA_ROOT) / "documents"
    on_disk = set(documents.rglob("*")) if documents.exists() else set()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ImportedLetter.objects, "create", fail)
    before = counts()
    with pytest.raises(RuntimeError):
        imported(SEED, register)
    assert counts() == before
    assert (set(documents.rglob("*")) if documents.exists() else set()) == on_disk


def test_draft_opens_in_the_editor(register, client_for):
    page = imported(SEED, register).page
    response = client_for("vanthu").get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Phòng Văn hóa và Thông tin" in response.content.decode()


def test_warnings_panel_renders_the_import(register, rf, django_user_model):
    from directives_app.importer.panels import ImportWarningsPanel

    page = imported(SEED, register).page
    request = rf.get("/")
    request.user = django_user_model.objects.get(username="vanthu")
    panel = ImportWarningsPanel().bind_to_model(DirectivePage)
    bound = panel.get_bound_panel(instance=page, request=request, form=None)
    assert bound.is_shown()
    html = bound.render_html()
    assert "Văn bản chưa có số (bản dự thảo)" in html
    assert "Bản gốc" in html
    other = DirectivePage.objects.exclude(pk=page.pk).first()
    assert not panel.get_bound_panel(instance=other, request=request, form=None).is_shown()


def test_editor_shows_the_import_warnings(register, client_for):
    page = imported(SEED, register).page
    html = client_for("vanthu").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Văn bản chưa có số (bản dự thảo): số được cấp khi ban hành." in html
