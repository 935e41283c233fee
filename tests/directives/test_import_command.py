"""`manage.py import_directive PATH [--json] [--dry-run] [--publish] [--parent SLUG]`:
the JSON of the schema, drafts, issuing complete letters only, exit status 2 and nothing
created on bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from importer_support import (
    LETTERS,
    SEED,
    build_docx,
    expected,
    subset,
)

from directives_app.models import DirectivePage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
COMPLETE = LETTERS / "06_one_line_header_hard_wrapped.txt"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_directive", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 2
    return str(caught.value)


def counts():
    from wagtail.documents import get_document_model

    from directives_app.models.imports import ImportedLetter

    return (
        DirectivePage.objects.count(),
        get_document_model().objects.count(),
        ImportedLetter.objects.count(),
    )


def test_json_dry_run_prints_the_schema_and_creates_nothing():
    before = counts()
    out, _err = run(SEED, "--json", "--dry-run")
    result = json.loads(out)
    assert subset(result, expected(SEED)) == expected(SEED)
    assert list(result) == [
        "doc_type", "number", "symbol", "issuer", "parent_issuer", "place", "date", "subject",
        "recipients", "legal_basis", "citations", "tasks", "signer", "distribution", "warnings",
        "sources",
    ]  # fmt: skip
    assert counts() == before


CORPUS = [path for path in sorted(LETTERS.iterdir()) if path.suffix in (".txt", ".md")]


@pytest.mark.parametrize("path", [p for p in CORPUS if p != SEED], ids=lambda path: path.stem)
def test_json_of_every_corpus_letter(path):
    out, _err = run(path, "--json", "--dry-run")
    result = json.loads(out)
    # Where each field was read (issue 16) is for the clerk's review, not part of the result.
    assert set(result.pop("sources")) <= set(result)
    for task in result["tasks"]:
        assert len(task.pop("resolution")) == len(task["addressees"])
    assert result == expected(path)


def test_json_of_a_docx():
    docx = build_docx(
        SEED,
        right_from="CỘNG HÒA",
        body_from="Kính gửi",
        footer_from="Nơi nhận",
        signer_from="TM.",
    )
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"seed-{os.getpid()}.docx"
    path.write_bytes(docx)
    try:
        out, _err = run(path, "--json", "--dry-run")
    finally:
        path.unlink()
    assert subset(json.loads(out), expected(SEED)) == expected(SEED)


def test_summary_without_json():
    out, _err = run(SEED, "--dry-run")
    assert "Số, ký hiệu: /UBND-VHTT" in out
    assert "Nhiệm vụ 3: Công an huyện → cong-an-huyen" in out
    assert "Cảnh báo: Văn bản chưa có số (bản dự thảo): số được cấp khi ban hành." in out


def test_creates_a_draft():
    before = DirectivePage.objects.count()
    out, _err = run(SEED)
    assert "Đã tạo bản nháp “tăng cường quản lý thông tin" in out
    assert DirectivePage.objects.count() == before + 1
    page = DirectivePage.objects.order_by("-pk").first()
    assert not page.live and len(page.task_list) == 4


def test_importing_the_same_file_again_is_noted():
    _out, err = run(SEED)
    assert "đã được nhập" not in err
    _out, err = run(SEED, "--dry-run")
    assert "Lưu ý: tệp này đã được nhập ngày" in err


def test_json_and_create_keep_stdout_for_the_json():
    out, err = run(SEED, "--json")
    json.loads(out)
    assert "Đã tạo bản nháp" in err


def test_publish_only_a_complete_letter():
    out, _err = run(SEED, "--publish")
    assert "chưa ban hành" in out and "Không ban hành vì văn bản chưa đầy đủ:" in out
    assert not DirectivePage.objects.order_by("-pk").first().live
    out, _err = run(COMPLETE, "--publish")
    page = DirectivePage.objects.order_by("-pk").first()
    assert page.live and page.symbol == "1203/UBND-VHTT"
    assert "Đã ban hành" in out and "1203/UBND-VHTT" in out


def test_parent_by_slug():
    run(SEED, "--parent", "van-ban")
    assert DirectivePage.objects.order_by("-pk").first().get_parent().slug == "van-ban"


def test_unknown_parent_is_refused_and_nothing_created():
    before = counts()
    assert "Không tìm thấy sổ văn bản “khong-co”" in refused(SEED, "--parent", "khong-co")
    assert counts() == before


def test_read_from_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(SEED.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    out, _err = run("-", "--json", "--dry-run")
    assert json.loads(out)["symbol"] == "/UBND-VHTT"


def test_output_is_utf8_whatever_the_locale():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    call_command("import_directive", str(SEED), "--json", "--dry-run", stdout=stream)
    stream.flush()
    assert json.loads(raw.getvalue().decode("utf-8"))["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN IA GRAI"


@pytest.fixture
def write(tmp_path):
    def make(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("trong.txt", b"", "Tệp trống"),
        ("nhi-phan.txt", bytes(range(256)) * 8, "tệp nhị phân"),
        ("gia.docx", b"khong phai zip", "không phải tệp Word .docx hợp lệ"),
        (
            "khong-dau.txt",
            "Kính gửi: Phòng Tư pháp.\n\n1. Phòng Tư pháp:\n- Rà soát.\n".encode(),
            "Không tìm thấy phần đầu văn bản",
        ),
    ],
    ids=["empty", "binary", "docx-not-zip", "no-header"],
)
def test_bad_input_exits_2_and_creates_nothing(write, name, data, message):
    before = counts()
    assert message in refused(write(name, data))
    assert message in refused(write(name, data), "--json", "--dry-run")
    assert counts() == before


def test_missing_file_exits_2():
    assert "Không tìm thấy tệp" in refused("/khong/co/tep.txt")


def test_foreign_issuer_exits_2_after_printing_what_was_read():
    before = counts()
    message = refused(LETTERS / "01_pleiku_web_interleaved.txt")
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU" in message and "danh mục đơn vị" in message
    assert counts() == before


def test_same_letter_twice_exits_2():
    run(COMPLETE)
    before = counts()
    assert "1203/UBND-VHTT năm 2021 đã có trong sổ văn bản" in refused(COMPLETE)
    assert counts() == before


def test_exit_status_from_the_shell(write):
    """The real command line: status 2 and the message on stderr, in UTF-8."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iagrai_cms.settings.test", "LANG": "C"}
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_directive", str(write("trong.txt", b""))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert completed.returncode == 2
    assert "Tệp trống" in completed.stderr.decode("utf-8")


def test_two_level_header_gives_the_parent_issuer_and_where_it_was_read():
    out, _err = run(LETTERS / "real" / "03_so_gddt_hcm_4144.txt", "--json", "--dry-run")
    result = json.loads(out)
    assert result["issuer"] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert result["parent_issuer"] == "UỶ BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert result["sources"]["issuer"]["line"].endswith("SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    out, _err = run(LETTERS / "real" / "03_so_gddt_hcm_4144.txt", "--dry-run")
    assert "Cơ quan chủ quản: UỶ BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH" in out
