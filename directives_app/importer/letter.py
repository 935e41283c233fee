"""What the parser returns: a letter's fields, its tasks, its signer (issue 4's schema,
with the fields issue 16 added: `parent_issuer`, `sources`, each task's `recurring` and
`resolution`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from directives_app.core.symbols import DocType


@dataclass
class ParsedTask:
    heading: str
    addressees: list[str]
    paragraphs: list[str] = field(default_factory=list)
    deadline: datetime.date | None = None
    working_days: int | None = None
    bullets: int = 0
    units: list[str] = field(default_factory=list)
    level: int = 0
    # "định kỳ ngày 07 hàng tháng": a recurring date, kept as printed, not a deadline.
    recurring: str = ""
    # How each addressee was resolved (resolve.py): evidence, confidence, status.
    resolution: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "heading": self.heading,
            "addressees": list(self.addressees),
            "units": list(self.units),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "recurring": self.recurring or None,
            "bullets": self.bullets,
            "resolution": [dict(item) for item in self.resolution],
        }


@dataclass
class Signer:
    form_lines: list[str] = field(default_factory=list)
    title: str = ""
    name: str = ""

    @property
    def form(self) -> str:
        return " ".join(self.form_lines)

    def to_json(self) -> dict:
        return {"form": self.form, "title": self.title, "name": self.name}


@dataclass
class ParsedLetter:
    doc_type: str = DocType.CONG_VAN.value
    number: int | None = None
    symbol: str = ""
    issuer: str = ""
    issuer_lines: list[str] = field(default_factory=list)
    # The body printed above the issuer (tên cơ quan chủ quản): "UBND TỈNH X" over "SỞ Y".
    parent_issuer: str = ""
    # Field name → (the line it was read from, confidence 0..1), for the clerk's review.
    sources: dict[str, tuple[str, float]] = field(default_factory=dict)
    place: str = ""
    date: datetime.date | None = None
    year: int | None = None  # printed even when day and month are left blank
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    distribution: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Not a letter at all (no header): the command exits with status 2, nothing is created.
    errors: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)  # body paragraphs before the tasks
    closing: list[str] = field(default_factory=list)
    # Filled by resolve.resolve_letter (codes of Unit rows).
    issuer_unit: str = ""
    drafting_unit: str = ""

    @property
    def doc_type_label(self) -> str:
        return str(DocType(self.doc_type).label)

    @property
    def drafting_abbreviation(self) -> str:
        """ "VHTT" in "971/UBND-VHTT": the drafting unit of a công văn."""
        tail = self.symbol.rsplit("/", 1)[-1]
        parts = [part for part in tail.split("-") if part]
        if self.doc_type == DocType.CONG_VAN and len(parts) >= 2:
            return parts[-1]
        return ""

    @property
    def issuer_abbreviation(self) -> str:
        tail = self.symbol.rsplit("/", 1)[-1]
        parts = [part for part in tail.split("-") if part]
        if not parts:
            return ""
        if self.doc_type == DocType.CONG_VAN or len(parts) == 1:
            return parts[0]
        return parts[1]

    @property
    def complete(self) -> bool:
        """Nothing to check by hand: numbered, dated, every name resolved, no warning."""
        return (
            not self.errors
            and not self.warnings
            and self.number is not None
            and self.date is not None
            and bool(self.issuer_unit)
        )

    def to_json(self) -> dict:
        """The importer's public schema (issue 4), in its order."""
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "symbol": self.symbol,
            "issuer": self.issuer,
            "parent_issuer": self.parent_issuer,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "legal_basis": list(self.legal_basis),
            "citations": list(self.citations),
            "tasks": [task.to_json() for task in self.tasks],
            "signer": self.signer.to_json(),
            "distribution": list(self.distribution),
            "warnings": list(self.warnings),
            "sources": {
                name: {"line": line, "confidence": round(confidence, 2)}
                for name, (line, confidence) in self.sources.items()
            },
        }
