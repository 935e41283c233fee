"""Each task's deadline: "trước ngày 05/12/2021", "trước ngày 05/12" (the letter's year),
"trong tháng 12/2021", "trong Quý III năm 2021"; recurring dates kept and flagged."""

from __future__ import annotations

import calendar
import datetime
import re

from django.utils.translation import gettext as _

from directives_app.core.vietnamese import fold

from .letter import ParsedLetter, ParsedTask
from .patterns import _DEADLINE, _DEADLINE_PERIOD, _RECURRING, _WORKING_DAYS, _date_or_none


def _task_deadlines(task: ParsedTask, number: int, letter: ParsedLetter) -> None:
    text = " ".join([task.heading, *task.paragraphs])
    found: list[datetime.date] = []
    recurring = [match for match in _RECURRING.finditer(text) if len(match.group(0)) > 9]
    if recurring:
        task.recurring = "; ".join(match.group(0).strip() for match in recurring)
        letter.warnings.append(
            _(
                "Nhiệm vụ %(n)d: hạn định kỳ “%(text)s” không phải một hạn duy nhất; giữ nguyên "
                "như trong văn bản để người nhập kiểm tra."
            )
            % {"n": number, "text": task.recurring}
        )
        # The dates of a recurring report are not the task's deadline.
        for match in reversed(recurring):
            text = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
        text = re.sub(r"(?:trước|vào)\s+ngày\s+\d{1,2}\s+(?=\s{10})", " ", text)
    for match in _DEADLINE.finditer(text):
        day = match.group("d") or match.group("d2") or match.group("d3")
        month = match.group("m") or match.group("m2") or match.group("m3")
        year = match.group("y") or match.group("y2") or match.group("y3")
        printed = match.group(0).strip()
        if year is None:
            if letter.year is None:
                letter.warnings.append(
                    _(
                        "Nhiệm vụ %(n)d: hạn “%(text)s” không ghi năm và văn bản chưa có năm; "
                        "bỏ qua hạn này."
                    )
                    % {"n": number, "text": printed}
                )
                continue
            year = letter.year
            candidate = _date_or_none(int(year), int(month), int(day))
            if candidate and letter.date and candidate < letter.date:
                candidate = _date_or_none(int(year) + 1, int(month), int(day))
            if candidate:
                letter.warnings.append(
                    _("Nhiệm vụ %(n)d: hạn “%(text)s” không ghi năm; lấy năm %(year)d.")
                    % {"n": number, "text": printed, "year": candidate.year}
                )
        else:
            candidate = _date_or_none(int(year), int(month), int(day))
        if candidate is None:
            letter.warnings.append(
                _("Nhiệm vụ %(n)d: hạn “%(text)s” không phải ngày hợp lệ.")
                % {"n": number, "text": printed}
            )
            continue
        found.append(candidate)
    for match in _DEADLINE_PERIOD.finditer(text):
        candidate = _period_end(match)
        if candidate is None:
            letter.warnings.append(
                _("Nhiệm vụ %(n)d: hạn “%(text)s” không phải ngày hợp lệ.")
                % {"n": number, "text": match.group(0).strip()}
            )
        else:
            found.append(candidate)
    if found:
        # Several dates (an interim report, then the final one): the task ends with the last.
        task.deadline = max(found)
    days = _WORKING_DAYS.search(text)
    if days and not found:
        task.working_days = int(days.group("n")) or None


def _period_end(match: re.Match) -> datetime.date | None:
    prep = fold(match.group("prep") or match.group("prep2") or "")
    if match.group("m"):
        year, month = int(match.group("y")), int(match.group("m"))
    else:
        quarter = match.group("q").upper()
        index = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(quarter) or int(quarter)
        year, month = int(match.group("qy")), index * 3
    if not 1 <= month <= 12 or year < 1900:
        return None
    if prep == "truoc":
        # "hoàn thành trước tháng 12/2021": by the end of November.
        first = datetime.date(year, month, 1)
        return first - datetime.timedelta(days=1)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
