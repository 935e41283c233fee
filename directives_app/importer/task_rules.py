"""Rules that tie a letter's tasks to its recipients and to the sentences around its
numbered items (issue 16): a bare group ("các đơn vị") stands for the recipients, a
request that leads unaddressed items ("… yêu cầu các trường thực hiện các nội dung sau:")
makes them one task, a closing that asks an addressee again ("Nhận được công văn này,
yêu cầu Hiệu trưởng … nộp báo cáo trước ngày …") belongs to that addressee's task."""

from __future__ import annotations

import re

from .addressees import (
    _addressee_prefix,
    _recipient_key,
    _sentence_addressees,
    is_addressee_phrase,
)
from .legal_basis import _inline_bases
from .letter import ParsedTask
from .paragraphs import _Paragraph
from .patterns import (
    _BASIS,
    _BASIS_OPENER,
    _BULLET,
    _DEADLINE,
    _DEADLINE_PERIOD,
    _GIAO,
    _ITEM,
    _REQUEST,
    UPPER,
    _words_key,
)

Task = tuple[ParsedTask, list[_Paragraph]]

# "Các đơn vị", "các trường học trực thuộc", "tất cả các cơ quan, đơn vị": a group that
# names no kind of unit of its own; in a letter with recipients it means them.
_BARE_GROUP = re.compile(
    r"^(?:tat ca )?cac (?:co quan (?:don vi )?|don vi (?:truong hoc )?|truong (?:hoc )?|"
    r"co so (?:giao duc )?)(?:(?:truc thuoc|lien quan|co lien quan|tren dia ban) )?$"
)


def addressed_in_sentence(text: str) -> str | None:
    """ "Chủ tịch UBND huyện giao Phòng Tư pháp chủ trì …" → "Phòng Tư pháp"."""
    for pattern in (_GIAO, _REQUEST):
        for match in pattern.finditer(text):
            phrase = _addressee_prefix(text[match.end() :])
            if phrase and len(phrase) <= 200 and is_addressee_phrase(capitalized(phrase)):
                return phrase
    return None


def capitalized(phrase: str) -> str:
    # "Giao các sở, ngành …": a group in lower case after the verb is still an addressee.
    return phrase[:1].upper() + phrase[1:]


def after_basis(text: str) -> str:
    """The part of a paragraph that can address units. A basis paragraph ("Thực hiện
    Công văn số … của UBND tỉnh giao Sở …") speaks of the cited letter's tasks; the
    letter's own voice starts after its first sentence, or after a comma when a body is
    the subject ("…, Phòng Giáo dục - Đào tạo yêu cầu các trường …")."""
    if not _BASIS.match(text):
        return text
    for boundary in re.finditer(r"([.;,])\s+(?=[" + UPPER + r"])", text):
        rest = text[boundary.end() :]
        if boundary.group(1) != "," or is_addressee_phrase(rest[:80]):
            return rest
    return ""


def bare_group_as_recipients(tasks: list[Task], recipients: list[str]) -> None:
    """A task for "Các đơn vị" in a letter sent to named recipients is theirs."""
    if not recipients:
        return
    for task, _paragraphs in tasks:
        if _BARE_GROUP.match(_words_key(task.heading) + " "):
            task.heading, task.addressees = "; ".join(recipients), list(recipients)


def lead_in_tasks(intro: list[str], level: int, recipients: list[str]) -> list[Task]:
    """Unaddressed items after "… đề nghị A và B thực hiện các nội dung sau:": one task per
    unit the lead-in asks (a recipient keeps its printed name), all holding the items (one
    list of paragraphs; their level is above the items', so that the items that follow
    stay in them until an addressed item)."""
    if not intro or not intro[-1].rstrip().endswith(":"):
        return []
    phrase = addressed_in_sentence(after_basis(intro[-1]))
    if not phrase:
        return []
    by_key = {_recipient_key(name): name for name in recipients}
    shared: list[_Paragraph] = []
    tasks: list[Task] = []
    for name in _sentence_addressees(phrase):
        name = by_key.get(_recipient_key(name), name)
        task = ParsedTask(heading=name, addressees=[name])
        task.level = level - 1
        tasks.append((task, shared))
    return tasks


def closing_to_tasks(tasks: list[Task], closing: list[_Paragraph]) -> list[_Paragraph]:
    """Closing paragraphs that ask a task's addressee again with a deadline ("… yêu cầu
    Hiệu trưởng … nộp báo cáo trước ngày 23/4/2018") go to that task; the others, such
    as "… yêu cầu các cơ quan, đơn vị triển khai thực hiện./.", stay the closing."""
    by_key = {_recipient_key(task.heading): (task, paragraphs) for task, paragraphs in tasks}
    for task, _paragraphs in tasks:
        for name in task.addressees:
            by_key.setdefault(_recipient_key(name), (task, _paragraphs))
    kept: list[_Paragraph] = []
    for paragraph in closing:
        if not (_DEADLINE.search(paragraph.text) or _DEADLINE_PERIOD.search(paragraph.text)):
            kept.append(paragraph)
            continue
        phrase = addressed_in_sentence(paragraph.text)
        names = _sentence_addressees(phrase) if phrase else []
        target = next((by_key[key] for key in map(_recipient_key, names) if key in by_key), None)
        if target is None:
            kept.append(paragraph)
        else:
            target[1].append(paragraph)
    return kept


def page_lead(paragraphs: list[str]) -> int:
    """In a copy of the body alone, the index of the letter's opening: the first of the
    first paragraphs that states its basis ("Thực hiện …", "… nhận được Công văn số …");
    0 when none does before an item."""
    for index, text in enumerate(paragraphs[:6]):
        if _ITEM.match(text) or _BULLET.match(text):
            return 0
        if _BASIS_OPENER.match(text) or _inline_bases(text):
            return index
    return 0


# A numbered item may open with the request itself ("1. Yêu cầu UBND các phường …",
# "2. Đề nghị Sở …"): the heading is the units, as for "Giao" (issue 16, class 4).
_REQUEST_OPENING = re.compile(r"^(?:yêu\s+cầu|đề\s+nghị|giao)\s+(?:cho\s+)?(?=\S)", re.IGNORECASE)
# "UBND các phường: Trần Phú, Lê Lợi, Hải Cảng nghiêm túc …": a group named by its members.
_GROUP_ENDING = re.compile(r"\bcác\s+\w+(?:\s+\w+)?$", re.IGNORECASE)


def without_request_opening(body: str) -> str:
    """The item's text without a leading "Yêu cầu" / "Đề nghị" / "Giao" before its units."""
    return _REQUEST_OPENING.sub("", body, count=1)


def named_members(head: str, rest: str) -> tuple[str, str] | None:
    """(the names, the text after them) when `head` is a plural group ("UBND các phường")
    and `rest` starts with its members' proper names, separated by commas or "và"."""
    if not _GROUP_ENDING.search(head.strip()):
        return None
    taken: list[str] = []
    words = re.findall(r"\S+", rest)
    for word in words:
        bare = word.strip(",;")
        if bare == "và" or (bare[:1].isupper() or bare[:1].isdigit()):
            taken.append(word)
            continue
        break
    while taken and taken[-1].strip(",;") == "và":
        taken.pop()
    names = " ".join(taken).rstrip(",;")
    if not names or ("," not in names and " và " not in names):
        return None  # one capitalised word is the sentence going on, not a list
    return names, rest[len(" ".join(taken)) :].strip()
