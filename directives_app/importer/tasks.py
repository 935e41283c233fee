"""The body: the legal basis paragraphs first, then the tasks: numbered items addressed to
units, or sentences that address units ("Giao A …", "đề nghị A, B …"), or, without
either, one task for the recipients; the closing paragraph is not a task."""

from __future__ import annotations

import re

from .addressees import (
    _addressee_prefix,
    _names_issuer,
    _recipient_key,
    _sentence_addressees,
    is_addressee_phrase,
    split_addressees,
)
from .legal_basis import _basis_documents, _inline_bases
from .letter import ParsedLetter, ParsedTask
from .paragraphs import _classify, _Paragraph
from .patterns import (
    _BASIS_OPENER,
    _BULLET,
    _CLOSING,
    _COUNTED_BULLET,
    _GIAO,
    _ITEM,
    _is_upper,
)
from .task_rules import (
    addressed_in_sentence,
    after_basis,
    bare_group_as_recipients,
    capitalized,
    closing_to_tasks,
    lead_in_tasks,
    named_members,
    page_lead,
    without_request_opening,
)

_INSTRUCTION = re.compile(
    r"(?<!\w)(?:đề\s+nghị|yêu\s+cầu|giao|chỉ\s+đạo|triển\s+khai|báo\s+cáo|gửi\s+về|"
    r"khẩn\s+trương|thực\s+hiện)(?!\w)",
    re.IGNORECASE,
)


def _as_recipients(
    tasks: list[tuple[ParsedTask, list[_Paragraph]]], recipients: list[str]
) -> list[tuple[ParsedTask, list[_Paragraph]]]:
    """A sentence's addressee that is a recipient takes the recipient's printed name
    ("đề nghị Chủ tịch UBND quận, huyện" = "Kính gửi: Chủ tịch Ủy ban nhân dân các quận,
    huyện"); two sentences for the same unit are one task."""
    by_key = {_recipient_key(name): name for name in recipients}
    merged: dict[str, tuple[ParsedTask, list[_Paragraph]]] = {}
    for task, paragraphs in tasks:
        name = by_key.get(_recipient_key(task.heading))
        if name:
            task.heading, task.addressees = name, [name]
        if task.heading in merged:
            merged[task.heading][1].extend(paragraphs)
        else:
            merged[task.heading] = (task, paragraphs)
    return list(merged.values())


def _item_task(body: str) -> tuple[str, str] | None:
    """(heading, text after it) when a numbered item is addressed to units."""
    if re.search(r"\bsau\s+đây\b", body[:120]):
        return None  # "Các cơ quan, đơn vị sau đây chịu trách nhiệm …:" leads the items
    text = body.strip()
    body = without_request_opening(text)
    head, colon, rest = body.partition(":")
    members = named_members(head, rest) if colon else None
    if members is not None and is_addressee_phrase(head):
        names, after = members
        return f"{head.strip()}: {names}", text if after else ""
    # The colon closes a heading of units ("2. Phòng Tư pháp:"), not a clause that goes on
    # past a verb ("1. Cơ quan, đơn vị báo cáo … tại https://…").
    if colon and is_addressee_phrase(head) and _addressee_prefix(head) == head.strip():
        return head.strip(), rest.strip()
    phrase = _addressee_prefix(body)
    if phrase and is_addressee_phrase(phrase):
        remainder = body[len(phrase) :].strip()
        if not remainder.strip(" .;,"):
            return phrase, ""
        return phrase, text
    return None


def _is_giao(text: str) -> bool:
    return any(
        is_addressee_phrase(capitalized(_addressee_prefix(text[match.end() :])))
        for match in _GIAO.finditer(text)
    )


def _split_closing(paragraphs: list[_Paragraph]) -> int:
    """Index in the last task's paragraphs where the closing starts (len = none)."""
    count = len(paragraphs)
    # Only the trailing run of plain paragraphs can be the closing.
    first_plain = count
    while first_plain > 1 and paragraphs[first_plain - 1].kind == "text":
        first_plain -= 1
    for index in range(max(first_plain, 1), count):
        text = paragraphs[index].text
        if _CLOSING.match(text):
            return index
        if index == count - 1 and text.endswith("/.") and paragraphs[index - 1].kind != "text":
            return index
    return count


def _parse_body(paragraphs: list[str], letter: ParsedLetter, body_only: bool = False) -> None:
    # A copy of the body alone may carry the page's lead above the letter's own opening
    # ("Chủ tịch UBND tỉnh yêu cầu …" summed up, then "Ngày 20/7/2018, Ủy ban nhân dân
    # tỉnh nhận được Văn bản số …"): the lead is neither basis nor task.
    lead = page_lead(paragraphs) if body_only else 0
    index = lead
    # Legal basis: the leading "Căn cứ / Thực hiện / Xét" paragraphs (after the
    # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN" line of a quyết định).
    while index < len(paragraphs):
        text = paragraphs[index]
        if _is_upper(text) and index < 3:
            index += 1
            continue
        match = _BASIS_OPENER.match(text)
        if not match:
            break
        letter.legal_basis.extend(_basis_documents(text, match))
        index += 1
    if not letter.legal_basis:
        # The basis inside the first paragraphs ("… nhận được Công văn số …, Chủ tịch UBND
        # tỉnh có ý kiến như sau", "Vừa qua, … Thực hiện Công văn số …").
        for text in paragraphs[index : index + 2]:
            if _ITEM.match(text) or _BULLET.match(text):
                break
            found = _inline_bases(text)
            if found:
                letter.legal_basis.extend(found)
                break
    classified = [_classify(text) for text in paragraphs[lead:]]
    tasks: list[tuple[ParsedTask, list[_Paragraph]]] = []
    intro: list[str] = paragraphs[:lead]
    # Paragraphs after a task that a same-level, non-task item closed ("IV. KINH PHÍ").
    trailing: list[_Paragraph] = []
    current: tuple[ParsedTask, list[_Paragraph]] | None = None
    for paragraph in classified:
        found = _item_task(paragraph.body) if paragraph.kind == "item" else None
        if found is not None:
            if trailing:
                tasks[-1][1].extend(trailing)  # text between two tasks stays with the first
                trailing = []
            heading, rest = found
            heading = re.sub(r"^Giao\s+(?:cho\s+)?", "", heading)  # "Điều 2. Giao Sở …"
            task = ParsedTask(heading=heading, addressees=split_addressees(heading))
            task.level = paragraph.level
            current = (task, [_classify(rest)] if rest else [])
            tasks.append(current)
            continue
        if not tasks and paragraph.kind == "item":
            tasks.extend(lead_in_tasks(intro, paragraph.level, letter.recipients))
            current = tasks[-1] if tasks else None
        if not tasks:
            intro.append(paragraph.text)
            continue
        if current is not None and paragraph.kind == "item":
            if paragraph.level <= current[0].level:
                current = None
        if current is None:
            trailing.append(paragraph)
        else:
            current[1].append(paragraph)
    tasks = [
        (task, task_paragraphs)
        for task, task_paragraphs in tasks
        if not _names_issuer(task.heading, letter.issuer)
    ]
    bare_group_as_recipients(tasks, letter.recipients)
    if not tasks:
        tasks, intro, trailing = _sentence_tasks(classified)
        intro[:0] = paragraphs[:lead]
        bare_group_as_recipients(tasks, letter.recipients)
        tasks = _as_recipients(tasks, letter.recipients)
        if not tasks and letter.recipients:
            # No numbered section and no unit named in a sentence: the instruction is for
            # the recipients (issue 16, class 3).
            body = [p for p in classified if p.kind != "text" or not _BASIS_OPENER.match(p.text)]
            if any(_INSTRUCTION.search(p.text) for p in body):
                task = ParsedTask(
                    heading="; ".join(letter.recipients), addressees=list(letter.recipients)
                )
                tasks = [(task, body)]
                intro = paragraphs[:lead]
    closing = [paragraph.text for paragraph in closing_to_tasks(tasks, trailing)]
    if tasks and not trailing:
        last_paragraphs = tasks[-1][1]
        start = _split_closing(last_paragraphs)
        ending = last_paragraphs[start:]
        del last_paragraphs[start:]
        closing = [paragraph.text for paragraph in closing_to_tasks(tasks, ending)]
    elif not tasks and intro and intro[-1].endswith("/.") and len(intro) > 1:
        closing = [intro.pop()]
    for task, task_paragraphs in tasks:
        task.paragraphs = [paragraph.text for paragraph in task_paragraphs]
        task.bullets = sum(
            1
            for paragraph in task_paragraphs
            if paragraph.kind == "bullet" and _COUNTED_BULLET.match(paragraph.text)
        )
    letter.tasks = [task for task, _paragraphs in tasks]
    letter.intro = intro
    letter.closing = closing


def _sentence_tasks(
    classified: list[_Paragraph],
) -> tuple[list[tuple[ParsedTask, list[_Paragraph]]], list[str], list[_Paragraph]]:
    """Without numbered tasks: each paragraph that addresses a unit inside a sentence is
    one task ("Giao Trưởng phòng Nội vụ phối hợp …"); its heading is the phrase as
    printed; the paragraphs after it (bullets, "Thời gian hoàn thành …") belong to it, and
    to every unit the same sentence addressed ("đề nghị A, B … ." / "Các đơn vị thực hiện
    trước ngày …")."""
    tasks: list[tuple[ParsedTask, list[_Paragraph]]] = []
    group: list[tuple[ParsedTask, list[_Paragraph]]] = []
    intro: list[str] = []
    last = len(classified) - 1
    for position, paragraph in enumerate(classified):
        phrase = None
        if paragraph.kind == "text":
            phrase = addressed_in_sentence(after_basis(paragraph.text))
            closing_like = _CLOSING.match(paragraph.text) or paragraph.text.endswith("/.")
            if (
                phrase
                and position == last
                and tasks
                and closing_like
                and not _is_giao(paragraph.text)
            ):
                phrase = None
        if phrase:
            # "Giao A …; B …", "đề nghị A, B …": one task per unit phrase (issue 16).
            group = []
            for name in _sentence_addressees(phrase):
                task = ParsedTask(heading=name, addressees=[name])
                group.append((task, [paragraph]))
            tasks.extend(group)
        elif tasks:
            for _task, paragraphs in group:
                paragraphs.append(paragraph)
        else:
            intro.append(paragraph.text)
    if tasks:
        # The last paragraph, when it reads as a closing and is not itself a task.
        final = group[-1][1][-1]
        if (
            len(group[-1][1]) > 1
            and final.kind == "text"
            and (_CLOSING.match(final.text) or final.text.endswith("/."))
        ):
            for _task, paragraphs in group:
                paragraphs.pop()
            return tasks, intro, [final]
    return tasks, intro, []
