"""Document types and symbols (ký hiệu) of Nghị định 30/2020, Phụ lục III."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    CONG_VAN = "cong_van", _("Công văn")
    KE_HOACH = "ke_hoach", _("Kế hoạch")
    QUYET_DINH = "quyet_dinh", _("Quyết định")
    CHI_THI = "chi_thi", _("Chỉ thị")
    THONG_BAO = "thong_bao", _("Thông báo")
    BAO_CAO = "bao_cao", _("Báo cáo")
    HUONG_DAN = "huong_dan", _("Hướng dẫn")
    CHUONG_TRINH = "chuong_trinh", _("Chương trình")
    TO_TRINH = "to_trinh", _("Tờ trình")
    GIAY_MOI = "giay_moi", _("Giấy mời")
    NGHI_QUYET = "nghi_quyet", _("Nghị quyết")
    CONG_DIEN = "cong_dien", _("Công điện")


# Abbreviations of Phụ lục III; công văn has none ("971/UBND-VHTT").
TYPE_CODES: dict[str, str] = {
    DocType.CONG_VAN: "",
    DocType.KE_HOACH: "KH",
    DocType.QUYET_DINH: "QĐ",
    DocType.CHI_THI: "CT",
    DocType.THONG_BAO: "TB",
    DocType.BAO_CAO: "BC",
    DocType.HUONG_DAN: "HD",
    DocType.CHUONG_TRINH: "CTr",
    DocType.TO_TRINH: "TTr",
    DocType.GIAY_MOI: "GM",
    DocType.NGHI_QUYET: "NQ",
    DocType.CONG_DIEN: "CĐ",
}


def symbol_suffix(doc_type: str, issuer_abbr: str, drafting_abbr: str = "") -> str:
    """The part after "N/": "UBND-VHTT" for a công văn, "KH-UBND" for a kế hoạch."""
    code = TYPE_CODES.get(doc_type, "")
    if code:
        return f"{code}-{issuer_abbr}" if issuer_abbr else code
    return "-".join(part for part in (issuer_abbr, drafting_abbr) if part)


def compose_symbol(
    number: int | None, doc_type: str, issuer_abbr: str, drafting_abbr: str = ""
) -> str:
    """ "971/UBND-VHTT", "12/KH-UBND"; without a number (a draft) "/UBND-VHTT"."""
    return f"{number or ''}/{symbol_suffix(doc_type, issuer_abbr, drafting_abbr)}"


# "412-CV/HU", "874/QĐ-BTTTT", "971/UBND-VHTT", "52 /UBND-NV", "30/2020/NĐ-CP"
SYMBOL_RE = re.compile(
    r"(?<![\w/])(\d{1,5}\s*(?:-\s*[A-ZĐ]{1,6}\s*)?(?:/\s*\d{4})?\s*/\s*[A-ZĐ][A-ZĐa-zđ&.]*"
    r"(?:\s*-\s*[A-ZĐ][A-ZĐa-zđ&.]*)*)"
)


def find_symbols(text: str) -> list[str]:
    """Every document symbol cited in `text`, spaces removed ("52 /UBND-NV" → "52/UBND-NV")."""
    return [re.sub(r"\s+", "", match) for match in SYMBOL_RE.findall(text)]
