"""Loading the organisation tree (load_units) and addressee groups."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directives_app.models import AddresseeGroup, Unit, UnitAlias, UnitKind

PROJECT_FILE = Path(__file__).resolve().parents[2] / "directives_app/data/ia-grai-units.json"

SMALL_TREE = {
    "root": {
        "code": "ubnd-huyen-thu",
        "name_vi": "Ủy ban nhân dân huyện Thử",
        "kind": "agency",
        "subkind": "district-peoples-committee",
        "doc_issuer_abbr": "UBND",
        "children": [
            {"code": "phong-a", "name_vi": "Phòng A", "kind": "agency", "doc_unit_abbr": "PA"},
            {
                "code": "xa-thu-mot",
                "name_vi": "Xã Thử Một",
                "kind": "commune",
                "spelling_variants": ["Thu Mot"],
                "valid_to": "2025-06-30",
            },
        ],
    },
    "addressee_groups": [
        {
            "code": "cac-xa-thu",
            "name": "UBND các xã thử",
            "kinds": ["commune", "town"],
            "within": "ubnd-huyen-thu",
        }
    ],
}


def write(tmp_path, data) -> Path:
    path = tmp_path / "units.json"
    path.write_text(
        json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data,
        encoding="utf-8",
    )
    return path


def snapshot():
    return sorted(Unit.objects.values_list("code", "name", "kind", "parent__code", "abbreviation"))


@pytest.mark.django_db
def test_demo_file_loaded_with_tree_kinds_and_abbreviations():
    root = Unit.objects.get(code="ubnd-huyen-ia-grai")
    assert root.kind == UnitKind.PEOPLES_COMMITTEE
    assert root.abbreviation == "UBND"
    assert root.place_name == "Ia Grai"
    assert root.header_line_list == ["ỦY BAN NHÂN DÂN", "HUYỆN IA GRAI"]
    vhtt = Unit.objects.get(code="phong-vhtt")
    assert vhtt.abbreviation == "VHTT"
    assert vhtt.parent.code == "co-quan-chuyen-mon-va-don-vi-su-nghiep"
    assert Unit.objects.filter(kind=UnitKind.COMMUNE).count() == 12
    assert Unit.objects.get(code="tt-ia-kha").kind == UnitKind.TOWN
    assert Unit.objects.get(code="cong-an-huyen").kind == UnitKind.POLICE
    assert Unit.objects.get(code="cong-an-huyen").parent is None


@pytest.mark.django_db
def test_aliases_include_letter_forms():
    aliases = set(UnitAlias.objects.filter(unit__code="xa-ia-ba").values_list("name", flat=True))
    assert {"UBND xã Ia Bă", "Ủy ban nhân dân xã Ia Bă"} <= aliases
    assert list(Unit.objects.named("Xã Ia Chia").values_list("code", flat=True)) == ["xa-ia-chia"]
    assert list(Unit.objects.named("ubnd  xa ia ba").values_list("code", flat=True)) == ["xa-ia-ba"]
    assert list(Unit.objects.named("Phòng VH-TT").values_list("code", flat=True)) == ["phong-vhtt"]
    ttvh = set(UnitAlias.objects.filter(unit__code="ttvh-tt-tt").values_list("name", flat=True))
    assert "Trung tâm Văn hóa, Thông tin và Thể thao" in ttvh


@pytest.mark.django_db
def test_addressee_groups_resolve_to_units():
    communes = AddresseeGroup.objects.get(code="ubnd-cac-xa-thi-tran").resolve()
    assert len(communes) == 13
    assert {u.kind for u in communes} == {UnitKind.COMMUNE, UnitKind.TOWN}
    agencies = AddresseeGroup.objects.get(code="co-quan-don-vi-thuoc-huyen").resolve()
    codes = {u.code for u in agencies}
    assert "phong-vhtt" in codes and "ttvh-tt-tt" in codes
    assert "xa-ia-ba" not in codes and "cong-an-huyen" not in codes
    assert all(u.kind != UnitKind.GROUP for u in agencies)


@pytest.mark.django_db
def test_load_good_file_then_reload_is_idempotent(tmp_path):
    path = write(tmp_path, SMALL_TREE)
    out = StringIO()
    call_command("load_units", str(path), stdout=out)
    assert "3 mới" in out.getvalue()
    commune = Unit.objects.get(code="xa-thu-mot")
    assert commune.parent.code == "ubnd-huyen-thu"
    assert str(commune.valid_to) == "2025-06-30"
    assert (
        Unit.objects.active_on(__import__("datetime").date(2026, 1, 1))
        .filter(code="xa-thu-mot")
        .count()
        == 0
    )
    before = snapshot(), UnitAlias.objects.count(), AddresseeGroup.objects.count()
    out = StringIO()
    call_command("load_units", str(path), stdout=out)
    assert "0 mới, 0 cập nhật, 3 không đổi" in out.getvalue()
    assert (snapshot(), UnitAlias.objects.count(), AddresseeGroup.objects.count()) == before


@pytest.mark.django_db
def test_reload_updates_changed_unit_by_code(tmp_path):
    call_command("load_units", str(write(tmp_path, SMALL_TREE)), stdout=StringIO())
    changed = json.loads(json.dumps(SMALL_TREE))
    changed["root"]["children"][0]["name_vi"] = "Phòng A mới"
    out = StringIO()
    call_command("load_units", str(write(tmp_path, changed)), stdout=out)
    assert "1 cập nhật" in out.getvalue()
    assert Unit.objects.get(code="phong-a").name == "Phòng A mới"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["root"]["children"][1].pop("name_vi"), "thiếu tên đơn vị"),
        (lambda d: d["root"]["children"][0].update(kind="planet"), "loại đơn vị “planet”"),
        (lambda d: d["root"]["children"][0].update(code="Phong A"), "“code” không hợp lệ"),
        (lambda d: d["root"]["children"][1].update(code="phong-a"), "trùng"),
        (lambda d: d["root"]["children"][1].update(valid_to="30/06/2025"), "YYYY-MM-DD"),
        (lambda d: d["root"].update(children="x"), "“children” phải là danh sách"),
        (lambda d: d["addressee_groups"][0].update(within="khong-co"), "không có đơn vị mã"),
    ],
)
def test_malformed_file_changes_nothing_and_says_where(tmp_path, mutate, message):
    data = json.loads(json.dumps(SMALL_TREE))
    # a valid unit in the same file must not be written either
    data["root"]["children"].append({"code": "phong-moi", "name_vi": "Phòng Mới", "kind": "agency"})
    mutate(data)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("load_units", str(write(tmp_path, data)), stdout=StringIO())
    assert message in str(error.value)
    assert "không có thay đổi nào được lưu" in str(error.value)
    assert "root" in str(error.value) or "addressee_groups" in str(error.value)
    assert snapshot() == before
    assert not Unit.objects.filter(code="phong-moi").exists()


@pytest.mark.django_db
def test_invalid_json_reports_line_and_column(tmp_path):
    path = write(tmp_path, '{"root": {"code": "x",\n "name_vi": }')
    before = snapshot()
    with pytest.raises(CommandError, match=r"dòng 2, cột"):
        call_command("load_units", str(path), stdout=StringIO())
    assert snapshot() == before


@pytest.mark.django_db
def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("load_units", str(tmp_path / "khong-co.json"))


@pytest.mark.django_db
def test_project_copy_loads_on_its_own_and_is_idempotent():
    out = StringIO()
    call_command("load_units", str(PROJECT_FILE), stdout=out)
    assert "0 mới, 0 cập nhật" in out.getvalue()
