"""The audit-log actions of conduct_app and how Wagtail's history shows them (registered
by the `register_log_actions` hook in wagtail_hooks)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from conduct_app.models import ActionTaken, IncidentLogEntry, IncidentReport, Source, Status


def _status(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


class IncidentFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        parts = [str(self.label)]
        if data.get("from") and data.get("to"):
            parts.append(f"{_status(data['from'])} → {_status(data['to'])}")
        if data.get("unit"):
            parts.append(str(_("đơn vị: %(unit)s")) % {"unit": data["unit"]})
        if data.get("action_taken") in ActionTaken.values:
            parts.append(str(ActionTaken(data["action_taken"]).label))
        if data.get("duplicate_of"):
            parts.append(str(_("trùng %(code)s")) % {"code": data["duplicate_of"]})
        if data.get("note"):
            parts.append(data["note"])
        return " – ".join(parts)


class ReceiveFormatter(LogFormatter):
    label = _("Tiếp nhận phản ánh")

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        source = data.get("source", "")
        text = str(self.label)
        if source in Source.values:
            text += f" ({Source(source).label}"
            text += f": {data['unit']})" if data.get("unit") else ")"
        if data.get("earlier_report"):
            text += " – " + str(_("cùng đường dẫn với %(code)s")) % {"code": data["earlier_report"]}
        return text


STEP_LABELS = {
    "assign": _("Chuyển đơn vị xử lý"),
    "start": _("Bắt đầu xử lý"),
    "resolve": _("Hoàn thành xử lý"),
    "dismiss": _("Không xử lý"),
    "duplicate": _("Đánh dấu trùng"),
    "reopen": _("Mở lại"),
}


class AcknowledgeFormatter(LogFormatter):
    label = _("Xác nhận đã đọc bộ quy tắc")

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        return str(_("Tôi đã đọc và cam kết thực hiện (phiên bản %(number)s)")) % {
            "number": data.get("version", "?")
        }


def register(actions) -> None:
    actions.register_model(IncidentReport, IncidentLogEntry)
    actions.register_action("conduct_app.incident.receive")(ReceiveFormatter)
    for step, label in STEP_LABELS.items():
        formatter = type(f"{step.title()}Formatter", (IncidentFormatter,), {"label": label})
        actions.register_action(f"conduct_app.incident.{step}")(formatter)
    actions.register_action("conduct_app.code.acknowledge")(AcknowledgeFormatter)
