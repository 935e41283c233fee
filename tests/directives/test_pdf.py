"""The official PDF of a directive (DESIGN.md §8): Nghị định 30/2020 layout, text that
extracts back exactly, rendered once per published revision, signed original preferred."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from directives_app.models import DirectiveIndexPage, DirectivePage, DirectivePdf, Unit
from directives_app.register import pdf as directive_pdf

SEED_SYMBOL = "972/UBND-VHTT"
SEED_URL = "/van-ban/tang-cuong-quan-ly-thong-tin-tren-internet-mang-xa-hoi-tren-dia-ban-huyen/"
TASK_HEADINGS = [
    "Các cơ quan, đơn vị thuộc huyện; Ủy ban nhân dân các xã, thị trấn",
    "Phòng Văn hóa và Thông tin",
    "Công an huyện",
    "Trung tâm Văn hóa, Thông tin và Thể thao; UBND các xã, thị trấn",
]
POPPLER = ("pdftotext", "pdfinfo", "pdffonts")


# -- helpers ----------------------------------------------------------------------------


@pytest.fixture
def poppler():
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed ({', '.join(missing)}): cannot inspect PDFs")


@pytest.fixture
def seed(db) -> DirectivePage:
    page = DirectivePage.objects.get(symbol=SEED_SYMBOL)
    assert page.url == SEED_URL
    return page


def body_of(response) -> bytes:
    # Joining the test client's streaming content closes the response with Django's
    # connection handler disconnected; calling response.close() again here would fire
    # request_finished and close the test's database connection (PostgreSQL).
    # Small files come from memory (so that the page cache keeps them), large ones stream.
    return b"".join(response.streaming_content) if response.streaming else response.content


def run(tmp_path: Path, data: bytes, *command: str) -> str:
    """Run a poppler tool on `data` (written to a temporary file, never into the repo)."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        [*command, str(path), *(["-"] if command[0] == "pdftotext" else [])],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def flat(text: str) -> str:
    """Whitespace collapsed: pdftotext breaks lines wherever the layout does."""
    return " ".join(text.split())


def without_running_heads(text: str) -> str:
    """pdftotext's pages (form-feed separated) without the page number atop pages 2, 3…,
    so that a paragraph running over a page break reads as one."""
    pages = text.split("\f")
    for index in range(1, len(pages)):
        lines = pages[index].lstrip("\n").split("\n", 1)
        if lines[0].strip() == str(index + 1):
            pages[index] = lines[1] if len(lines) > 1 else ""
    return "\n".join(pages)


def new_directive(title: str, **fields) -> DirectivePage:
    """A draft công văn of the district committee, under the register, not published."""
    page = DirectivePage(
        title=title,
        issuer=Unit.objects.get(code="ubnd-huyen-ia-grai"),
        doc_type=fields.pop("doc_type", "cong_van"),
        body=fields.pop("body", "Nội dung thử nghiệm."),
        signer_authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Đỗ Văn Đông",
        distribution="- Như trên;\n- Lưu: VT.",
        recipients_text="Ủy ban nhân dân xã Ia Bă",
        live=False,
        **fields,
    )
    DirectiveIndexPage.objects.get().add_child(instance=page)
    page.save_revision()
    return page


def small_pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


# -- (a) download -----------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_pdf_is_an_attachment_named_by_symbol(client, seed):
    response = client.get(SEED_URL + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="972-UBND-VHTT.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body_of(response).startswith(b"%PDF-")


# -- (b) text extracts back exactly -------------------------------------------------------


@pytest.mark.django_db
def test_seed_pdf_text_extracts_back_in_vietnamese(client, seed, poppler, tmp_path):
    data = body_of(client.get(SEED_URL + "pdf/"))
    plain = run(tmp_path, data, "pdftotext", "-enc", "UTF-8")
    layout = run(tmp_path, data, "pdftotext", "-enc", "UTF-8", "-layout")
    text = flat(without_running_heads(plain))
    # Precomposed Vietnamese letters, not base letters plus combining marks.
    assert plain == unicodedata.normalize("NFC", plain)
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN IA GRAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 972/UBND-VHTT",
        "V/v tăng cường quản lý thông tin trên internet, mạng xã hội trên địa bàn huyện",
        "Ia Grai, ngày 15 tháng 11 năm 2021",
        "Kính gửi:",
        "- Các cơ quan, đơn vị thuộc huyện;",
        "- Ủy ban nhân dân các xã, thị trấn.",
        "Nơi nhận:",
        "- Lưu: VT, VH TT.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Đỗ Văn Đông",
    ]:
        assert expected in text, expected
    # The two header lines that sit side by side in the layout.
    assert re.search(r"ỦY BAN NHÂN DÂN +CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", layout)
    assert re.search(r"HUYỆN IA GRAI +Độc lập - Tự do - Hạnh phúc", layout)
    for number, heading in enumerate(TASK_HEADINGS, start=1):
        assert f"{number}. {heading}:" in text
    # Every paragraph of the letter, word for word.
    for paragraph in [
        *seed.body_paragraphs,
        *(line for task in seed.task_list for line in task.paragraphs),
        *seed.closing_paragraphs,
    ]:
        assert flat(paragraph) in text, paragraph[:60]


# -- (c) paper and fonts ------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_pdf_is_a4_with_embedded_times_metric_fonts(client, seed, poppler, tmp_path):
    data = body_of(client.get(SEED_URL + "pdf/"))
    info = run(tmp_path, data, "pdfinfo")
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1

    rows = run(tmp_path, data, "pdffonts").splitlines()[2:]
    assert rows
    for row in rows:
        emb = row.split()[-5]  # name, type…, encoding, emb, sub, uni, object, generation
        assert emb == "yes", row
    assert any(re.search(r"Liberation-?Serif|Times", row) for row in rows), rows


# -- (d) render once, then serve the kept file ----------------------------------------------


@pytest.mark.django_db
def test_second_request_is_served_from_storage(client, seed):
    first = body_of(client.get(SEED_URL + "pdf/"))
    record = DirectivePdf.objects.get(page=seed)
    assert record.revision_id == seed.live_revision_id
    assert record.file.name.startswith("van-ban/pdf/")
    assert default_storage.exists(record.file.name)
    assert len(record.sha256) == 64

    with mock.patch.object(
        directive_pdf, "render_directive_pdf", side_effect=AssertionError("rendered again")
    ):
        second = body_of(client.get(SEED_URL + "pdf/"))
    assert second == first
    assert DirectivePdf.objects.filter(page=seed).count() == 1


@pytest.mark.django_db
def test_lost_file_is_rendered_again_identically(client, seed):
    first = body_of(client.get(SEED_URL + "pdf/"))
    record = DirectivePdf.objects.get(page=seed)
    default_storage.delete(record.file.name)

    second = body_of(client.get(SEED_URL + "pdf/"))
    assert second == first  # same revision, same bytes: the output is deterministic
    assert DirectivePdf.objects.get(page=seed).sha256 == record.sha256


@pytest.mark.django_db
def test_concurrent_render_keeps_the_first_file(seed):
    """Two requests render the same revision: the unique constraint picks one, the loser
    re-reads it and removes its own file."""
    revision = seed.live_revision
    real_render = directive_pdf.render_directive_pdf

    def render_while_another_request_wins(page):
        data = real_render(page)
        DirectivePdf.objects.create(
            page=page,
            revision=revision,
            file=ContentFile(data, name="winner.pdf"),
            sha256="0" * 64,
        )
        return data

    before = (
        set(default_storage.listdir("van-ban/pdf")[1])
        if default_storage.exists("van-ban/pdf")
        else set()
    )
    with mock.patch.object(
        directive_pdf, "render_directive_pdf", side_effect=render_while_another_request_wins
    ):
        record = directive_pdf.stored_pdf(seed)
    assert record.sha256 == "0" * 64
    assert DirectivePdf.objects.filter(page=seed).count() == 1
    added = set(default_storage.listdir("van-ban/pdf")[1]) - before
    assert added == {Path(record.file.name).name}


# -- (e) a new revision, a new PDF ------------------------------------------------------------


@pytest.mark.django_db
def test_new_published_revision_gets_a_new_pdf(client, seed, poppler, tmp_path):
    body_of(client.get(SEED_URL + "pdf/"))
    first = DirectivePdf.objects.get(page=seed)

    page = DirectivePage.objects.get(pk=seed.pk)
    page.closing = "Ủy ban nhân dân huyện đề nghị báo cáo kết quả trước ngày 30/12/2021./."
    page.save_revision().publish()
    page.refresh_from_db()

    data = body_of(client.get(SEED_URL + "pdf/"))
    records = DirectivePdf.objects.filter(page=seed).order_by("pk")
    assert records.count() == 2
    assert records.last().revision_id == page.live_revision_id != first.revision_id
    assert "báo cáo kết quả trước ngày 30/12/2021./." in flat(
        run(tmp_path, data, "pdftotext", "-enc", "UTF-8")
    )


# -- (f) drafts stay in the admin -------------------------------------------------------------


@pytest.mark.django_db
def test_draft_pdf_is_404_for_the_public(client, client_for):
    draft = new_directive("đề nghị rà soát trang mạng mạo danh")
    assert not draft.live
    response = client.get(draft.url + "pdf/")
    assert response.status_code == 404
    assert client.get(draft.url + "pdf/ban-dien-tu/").status_code == 404
    with pytest.raises(Http404):
        directive_pdf.serve_directive_pdf(draft, RequestFactory().get("/"), prefer_signed=True)
    assert not DirectivePdf.objects.filter(page=draft).exists()

    # The editor previews the draft as paper, marked as such, in the admin.
    preview = client_for("admin").get(f"/admin/pages/{draft.pk}/view_draft/?mode=pdf")
    assert preview.status_code == 200
    assert preview["Content-Type"] == "application/pdf"
    assert preview.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_draft_rendering_is_marked_and_unnumbered(poppler, tmp_path):
    draft = new_directive("đề nghị rà soát trang mạng mạo danh")
    text = flat(run(tmp_path, directive_pdf.render_directive_pdf(draft), "pdftotext"))
    assert "DỰ THẢO" in text
    assert "Số: /UBND " in text  # no number before issuing
    assert "Kính gửi: Ủy ban nhân dân xã Ia Bă." in text


@pytest.mark.django_db
def test_unpublished_directive_pdf_is_404(client, seed):
    assert client.get(SEED_URL + "pdf/").status_code == 200
    seed.unpublish()
    assert client.get(SEED_URL + "pdf/").status_code == 404


# -- (g) the signed original ------------------------------------------------------------------


def attach_signed(page: DirectivePage, data: bytes, collection=None) -> None:
    Document = get_document_model()
    fields = {"collection": collection} if collection else {}
    document = Document.objects.create(
        title="Bản ký số 972/UBND-VHTT", file=ContentFile(data, name="scan-ky-so.pdf"), **fields
    )
    page = DirectivePage.objects.get(pk=page.pk)
    page.signed_pdf = document
    page.save_revision().publish()


@pytest.mark.django_db
def test_signed_original_is_preferred_and_text_version_stays(client, seed, poppler, tmp_path):
    signed = small_pdf("Bản gốc đã ký số")
    attach_signed(seed, signed)

    response = client.get(SEED_URL + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="972-UBND-VHTT.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body_of(response) == signed
    assert not DirectivePdf.objects.filter(page=seed).exists()  # nothing rendered for it

    generated = client.get(SEED_URL + "pdf/ban-dien-tu/")
    assert generated.status_code == 200
    assert generated["Content-Disposition"] == 'attachment; filename="972-UBND-VHTT.pdf"'
    text = flat(run(tmp_path, body_of(generated), "pdftotext"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Đỗ Văn Đông" in text


@pytest.mark.django_db
def test_signed_original_in_a_restricted_collection_is_not_handed_out(client, seed):
    private = Collection.get_first_root_node().add_child(name="Văn bản mật")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    signed = small_pdf("Bản gốc hạn chế")
    attach_signed(seed, signed, collection=private)

    content = body_of(client.get(SEED_URL + "pdf/"))
    assert content != signed
    assert DirectivePdf.objects.filter(page=seed).exists()  # the rendered one instead


# -- (h) page numbers -------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_numbers_from_page_two_centred_at_the_top(seed, poppler, tmp_path):
    data = directive_pdf.render_directive_pdf(seed)
    pages = int(re.search(r"Pages:\s+(\d+)", run(tmp_path, data, "pdfinfo")).group(1))
    assert pages >= 2

    first = run(tmp_path, data, "pdftotext", "-f", "1", "-l", "1", "-layout")
    assert first.strip().splitlines()[0].split()[:3] == ["ỦY", "BAN", "NHÂN"]
    assert not any(line.strip().isdigit() for line in first.splitlines())

    second = run(tmp_path, data, "pdftotext", "-f", "2", "-l", "2", "-layout")
    assert second.strip().splitlines()[0].strip() == "2"

    # Where the "2" sits: in the top margin, centred over the text column (left margin
    # 30 mm, right 15 mm → centre at 85.04 + (595.28 - 85.04 - 42.52) / 2 ≈ 318.9 pt).
    boxes = run(tmp_path, data, "pdftotext", "-f", "2", "-l", "2", "-bbox")
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        boxes,
    )
    x_min, _y_min, x_max, y_max, _ = next(word for word in words if word[4] == "2")
    assert float(y_max) < 20 * 72 / 25.4  # within the 20 mm top margin
    assert abs((float(x_min) + float(x_max)) / 2 - 318.9) < 5


@pytest.mark.django_db
def test_the_pdf_download_is_kept_by_the_page_cache(client, seed, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(SEED_URL + "pdf/")
    second = client.get(SEED_URL + "pdf/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert body_of(second) == body_of(first)
    assert body_of(second).startswith(b"%PDF-")
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert 'filename="972-UBND-VHTT.pdf"' in second["Content-Disposition"]


@pytest.mark.django_db
def test_a_large_download_streams_and_is_not_cached(client, seed, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(directive_pdf, "CACHEABLE_DOWNLOAD_BYTES", 100)
    first = client.get(SEED_URL + "pdf/")
    second = client.get(SEED_URL + "pdf/")
    assert first.streaming and second.streaming
    assert "X-Page-Cache" not in second
    assert body_of(second).startswith(b"%PDF-")
