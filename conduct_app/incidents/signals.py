"""Signals of conduct_app: the code that changes a report's state sends them; who is told
hangs on them (conduct_app.incidents.notifications), as Wagtail's own notifications do."""

from django.dispatch import Signal

# Sent after the commit that assigned `report` to `unit` (routing at intake, or a handler
# passing it on); `user` is None for the system's routing.
report_routed = Signal()
