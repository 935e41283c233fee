"""Turning the project's summary of the Code (data/code-of-conduct-874.json, a copy of the
shared research file) into the StreamField content of a CodeOfConductPage.

The file holds our own Vietnamese paraphrases, not the legal text; the page says so
(`CodeOfConductPage.summary_notice`). Articles and rules whose title the sources did not
confirm keep the file's "(Chưa xác nhận)" marks.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "code-of-conduct-874.json"


def load_data(path: Path = DATA_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


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
                ],
            },
        }
        for section in sorted(data["sections"], key=lambda s: s["article"])
    ]
