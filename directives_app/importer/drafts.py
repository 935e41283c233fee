"""From a letter to a draft directive: read, parse, resolve (`analyse`), then create the
DirectivePage with its legal basis and tasks, attach the original and record the import
(`create_draft`). Used by the `import_directive` command and the admin's "Nhập văn bản".

All or nothing: the page, its revision, the original document and the import record are
written in one transaction; a refusal (`DraftRefused`, a Vietnamese message) leaves
nothing behind, not even the original's file on disk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents.models import AbstractDocument
from wagtail.log_actions import log
from wagtail.models import Collection

from directives_app.core.vietnamese import slugify_vi
from directives_app.models import AddresseeGroup, DirectiveIndexPage, DirectivePage, Unit

from .parser import ParsedLetter, parse_letter
from .resolve import UnitDirectory, resolve_letter, task_targets
from .text import LetterSource

if TYPE_CHECKING:
    from directives_app.models.imports import ImportedLetter

# Model field limits (Page.title, DirectiveTask.heading, DirectiveLegalBasis.text).
TITLE_MAX = 255
HEADING_MAX = 500
BASIS_MAX = 500
IMPORTS_COLLECTION = "Văn bản nhập"


class DraftRefused(Exception):
    """The draft cannot be created; `str(error)` says why, for the user."""


@dataclass
class DraftResult:
    page: DirectivePage
    imported: object  # ImportedLetter
    published: bool = False
    not_published: list[str] = field(default_factory=list)


def analyse(text: str, directory: UnitDirectory | None = None) -> ParsedLetter:
    """Parse the letter and resolve its names against the units of its date."""
    letter = parse_letter(text)
    if directory is None:
        directory = UnitDirectory.from_db(letter.date)
    return resolve_letter(letter, directory)


def find_register(slug: str | None = None) -> DirectiveIndexPage:
    """The register the draft goes under: by slug, or the only one there is."""
    registers = DirectiveIndexPage.objects.all()
    if slug:
        registers = registers.filter(slug=slug)
    register = registers.order_by("path").first()
    if register is None:
        raise DraftRefused(
            _("Không tìm thấy sổ văn bản “%(slug)s”.") % {"slug": slug}
            if slug
            else _("Chưa có sổ văn bản nào (trang “Văn bản chỉ đạo, điều hành”).")
        )
    return register


def create_draft(
    letter: ParsedLetter,
    source: LetterSource,
    *,
    parent: DirectiveIndexPage,
    user: AbstractBaseUser | None = None,
    publish: bool = False,
    directory: UnitDirectory | None = None,
    confirmed: dict[int, list[str]] | None = None,
) -> DraftResult:
    """The draft directive of `letter` (never live unless `publish` and the letter is
    complete: numbered, dated, every name resolved, nothing to check). `confirmed`: per task
    index, the suggested targets the clerk confirmed (only suggestions of that task count)."""
    if letter.errors:
        raise DraftRefused(" ".join(letter.errors))
    if not letter.issuer_unit:
        raise DraftRefused(
            _(
                "Không xác định được cơ quan ban hành “%(name)s” trong danh mục đơn vị: thêm "
                "đơn vị (hoặc tên gọi khác của đơn vị) rồi nhập lại."
            )
            % {"name": letter.issuer or "?"}
        )
    directory = directory or UnitDirectory.from_db(letter.date)
    stored: list = []
    try:
        with transaction.atomic():
            result = _create(
                letter, source, parent, user, publish, directory, stored, confirmed or {}
            )
    except BaseException:
        # The transaction is gone; the original's file on disk must go with it.
        for document in stored:
            document.file.delete(save=False)
        raise
    return result


def _create(letter, source, parent, user, publish, directory, stored, confirmed) -> DraftResult:
    from directives_app.models.imports import ImportedLetter

    page = build_page(letter, directory, confirmed)
    try:
        # Wagtail validates a draft's title and slug only; the register's own rule (one
        # number per issuer and year) is a constraint of the model, checked here first.
        page.issued_year = letter.date.year if letter.date else None
        page.validate_constraints()
        with transaction.atomic():
            parent.add_child(instance=page)
    except ValidationError as error:
        raise DraftRefused(_refusal(letter, error)) from error
    except IntegrityError as error:  # the same number taken meanwhile by another import
        raise DraftRefused(_refusal(letter, None)) from error
    log(instance=page, action="wagtail.create", user=user, content_changed=True)
    revision = page.save_revision(user=user, log_action=True)
    document = _attach_original(source, letter, user)
    stored.append(document)
    imported = ImportedLetter.objects.create(
        page=page,
        document=document,
        source_name=source.name,
        sha256=hashlib.sha256(source.data).hexdigest(),
        source_text=source.text,
        parsed=letter.to_json(),
        warnings=list(letter.warnings),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    log(
        instance=page,
        action="directives_app.import",
        user=user,
        data={"source": source.name, "warnings": len(letter.warnings)},
    )
    result = DraftResult(page=page, imported=imported)
    if publish:
        if letter.complete:
            revision.publish(user=user)
            page.refresh_from_db()
            result.published = True
        else:
            result.not_published = _incomplete_reasons(letter)
    return result


def previous_imports(source: LetterSource) -> list[ImportedLetter]:
    """Earlier imports of the very same file (an unsigned draft has no number to clash on,
    so the clerk is told instead)."""
    from directives_app.models.imports import ImportedLetter

    digest = hashlib.sha256(source.data).hexdigest()
    return list(
        ImportedLetter.objects.filter(sha256=digest, page__isnull=False).select_related("page")
    )


def _refusal(letter: ParsedLetter, error: ValidationError | None) -> str:
    """The reason in the clerk's terms; a number clash names the number."""
    constraint = next(
        c.violation_error_message
        for c in DirectivePage._meta.constraints
        if c.name == "unique_document_number"
    )
    messages = error.messages if error is not None else [str(constraint)]
    if letter.number is not None and str(constraint) in messages:
        return _(
            "Số %(symbol)s năm %(year)s đã có trong sổ văn bản: văn bản này đã được nhập, "
            "hoặc trùng số với một văn bản khác."
        ) % {"symbol": letter.symbol, "year": letter.date.year if letter.date else ""}
    return " ".join(messages)


def _incomplete_reasons(letter: ParsedLetter) -> list[str]:
    reasons = list(letter.warnings)
    if letter.number is None and not any("số" in reason for reason in reasons):
        reasons.append(_("Văn bản chưa có số."))
    if letter.date is None and not any("ngày" in reason for reason in reasons):
        reasons.append(_("Văn bản chưa có ngày ban hành."))
    return reasons or [_("Văn bản chưa đủ thông tin để ban hành.")]


def build_page(
    letter: ParsedLetter, directory: UnitDirectory, confirmed: dict[int, list[str]] | None = None
) -> DirectivePage:
    """An unsaved DirectivePage with its legal basis and tasks, from a resolved letter."""
    issuer = Unit.objects.get(code=letter.issuer_unit)
    drafting = Unit.objects.filter(code=letter.drafting_unit or None).first()
    title = letter.subject or _("Văn bản nhập chưa có trích yếu")
    page = DirectivePage(
        title=_truncate(title, TITLE_MAX),
        doc_type=letter.doc_type,
        number=letter.number,
        issued_on=letter.date,
        issuer=issuer,
        drafting_unit=drafting,
        # Empty: the place follows the issuer's; kept only when the letter names another.
        place="" if letter.place == issuer.place_name else letter.place,
        recipients_text="\n".join(letter.recipients),
        body="\n".join(letter.intro),
        closing="\n".join(letter.closing),
        requires_reports=bool(letter.tasks),
        signer_authority="\n".join(letter.signer.form_lines),
        signer_title=letter.signer.title,
        signer_name=letter.signer.name,
        distribution="\n".join(letter.distribution),
        live=False,
    )
    for text in letter.legal_basis:
        page.legal_basis.add(page.legal_basis.model(text=_truncate(text, BASIS_MAX)))
    groups = {group.code: group for group in AddresseeGroup.objects.all()}
    units = {unit.code: unit for unit in Unit.objects.all()}
    for index, parsed in enumerate(letter.tasks):
        task = page.tasks.model(
            heading=_truncate(parsed.heading, HEADING_MAX),
            body="\n".join(parsed.paragraphs),
            deadline=parsed.deadline,
            deadline_working_days=parsed.working_days,
        )
        targets = task_targets(parsed.addressees, directory)
        chosen_groups = [groups[t.code] for t in targets if t.kind == "group"]
        chosen_units = [units[t.code] for t in targets if t.kind == "unit"]
        for code in confirmed_suggestions(parsed, (confirmed or {}).get(index, [])):
            if code in units and units[code] not in chosen_units:
                chosen_units.append(units[code])
            elif code in groups and groups[code] not in chosen_groups:
                chosen_groups.append(groups[code])
        task.addressee_groups = chosen_groups
        task.addressee_units = chosen_units
        page.tasks.add(task)
    return page


def confirmed_suggestions(task, codes: list[str]) -> list[str]:
    """The codes among `codes` that the importer suggested for `task` (anything else a form
    could post is ignored: a clerk confirms suggestions, not arbitrary units)."""
    suggested = {
        code
        for item in task.resolution
        if item.get("status") == "suggested"
        for code in item.get("targets", [])
    }
    return [code for code in codes if code in suggested]


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def imports_collection() -> Collection:
    """The collection of imported originals: unsigned drafts are internal, so it is
    restricted to logged-in staff (wagtaildocs then refuses anonymous downloads)."""
    from wagtail.models import CollectionViewRestriction

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=IMPORTS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=IMPORTS_COLLECTION))
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def _attach_original(source: LetterSource, letter: ParsedLetter, user) -> AbstractDocument:
    from wagtail.documents import get_document_model

    Document = get_document_model()
    extension = "docx" if source.kind == "docx" else "txt"
    stem = source.name.rsplit(".", 1)[0] if source.name else ""
    stem = slugify_vi(stem)[:80] or f"van-ban-nhap-{timezone.localdate():%Y%m%d}"
    title = _("Bản gốc nhập: %(name)s") % {"name": source.name or letter.subject or stem}
    document = Document(
        title=_truncate(title, 255),
        file=ContentFile(source.data, name=f"{stem}.{extension}"),
        collection=imports_collection(),
        uploaded_by_user=user if user is not None and user.is_authenticated else None,
    )
    document._set_document_file_metadata()
    document.save()
    return document
