"""Turning the project's summary of the Code (data/code-of-conduct-874.json, a copy of the
shared research file) into the StreamField content of a CodeOfConductPage.

The file holds our own Vietnamese paraphrases, not the legal text; the page says so and
names the decision as the authoritative text (`summary_notice`). The corrected file keeps
only what sources confirm; a rule still marked unconfirmed, or any text that is a
placeholder ("(Chưa xác nhận)"), is left out rather than shown to the public.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "code-of-conduct-874.json"


PLACEHOLDER = re.compile(r"chưa xác nhận|unconfirmed|\bTODO\b|lorem", re.IGNORECASE)


def load_data(path: Path = DATA_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _shown(rule: dict[str, Any]) -> bool:
    return rule.get("confidence") != "unconfirmed" and not PLACEHOLDER.search(
        rule.get("summary_vi", "")
    )


def summary_notice(data: dict[str, Any]) -> str:
    """The page's notice: a summary, and which decision is the authoritative text."""
    document = data["document"]
    signed = datetime.date.fromisoformat(document["date_signed"])
    return (
        "Nội dung dưới đây là bản tóm tắt để cán bộ và người dân dễ theo dõi, không phải văn "
        f"bản pháp lý. Văn bản có giá trị pháp lý là {document['type']} số "
        f"{document['number']} ngày {signed.day}/{signed.month}/{signed.year} của "
        f"{document['issuer']}; khi trích dẫn, đề nghị đối chiếu văn bản gốc."
    )


def legal_basis_stream(data: dict[str, Any]) -> list[dict[str, Any]]:
    document = data["document"]
    return [
        {
            "type": "document",
            "value": {
                "doc_type": document["type"],
                "number": document["number"],
                "date": document["date_signed"],
                "issuer": document["issuer"],
                "title": document["title_vi"].removeprefix("Quyết định "),
                "url": "",
            },
        }
    ]


def articles_stream(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "type": "article",
            "value": {
                "number": section["article"],
                "title": section["title_vi"],
                "note": "",
                "rules": [
                    {
                        "type": "item",
                        # Stable ids: loading the file twice gives the same blocks.
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{DATA_FILE.name}#{rule['id']}")),
                        "value": {
                            "code": rule["id"],
                            "text": rule["summary_vi"],
                            "audiences": list(rule.get("applies_to", [])),
                        },
                    }
                    for rule in section["rules"]
                    if _shown(rule)
                ],
            },
        }
        for section in sorted(data["sections"], key=lambda s: s["article"])
        if not PLACEHOLDER.search(section["title_vi"]) and any(map(_shown, section["rules"]))
    ]
