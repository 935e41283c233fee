"""Notification channels: one interface for every way the portal reaches a person.

E-mail is the only channel today. SMS or Zalo OA plug in as another `Channel` subclass
listed in the `NOTIFICATION_CHANNELS` setting; callers (reminders in this app and in
conduct_app) never know which channels exist. Each channel has a `name` that is stored
with what it delivered, so adding a channel later does not mark anything as already sent.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from email.headerregistry import Address
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

DEFAULT_CHANNELS = ["directives_app.core.notifications.EmailChannel"]


class Channel(ABC):
    """A way of sending a short text message to a user."""

    name: ClassVar[str]
    label: ClassVar[str]

    @abstractmethod
    def reaches(self, recipient: AbstractBaseUser) -> bool:
        """Whether this channel has an address for the recipient."""

    @abstractmethod
    def address(self, recipient: AbstractBaseUser) -> str:
        """The recipient's address on this channel, for logs and summaries."""

    @abstractmethod
    def send(self, recipient: AbstractBaseUser, subject: str, body: str) -> None:
        """Deliver the message or raise; callers treat an exception as "not sent"."""


class EmailChannel(Channel):
    """Plain-text UTF-8 e-mail through the outbox and Django's mail backend. Django
    encodes a non-ASCII subject and display name as RFC 2047 encoded words, so diacritics
    survive every mail client."""

    name = "email"
    label = "e-mail"

    def reaches(self, recipient: AbstractBaseUser) -> bool:
        return bool(getattr(recipient, "email", "")) and recipient.is_active

    def address(self, recipient: AbstractBaseUser) -> str:
        return recipient.email

    def send(self, recipient: AbstractBaseUser, subject: str, body: str) -> None:
        # Address quotes a name with commas ("Trung tâm Văn hóa, Thông tin..."); Django
        # then encodes it.
        to = str(Address(display_name=recipient.get_full_name().strip(), addr_spec=recipient.email))
        # Through the outbox (issue 17): a task sends it, retries an SMTP failure, and
        # never sends it twice; the row commits with the caller's own records.
        from directives_app.background.outbox import queue_email

        queue_email([to], subject, body)


def configured_channels() -> list[Channel]:
    """The channels of the `NOTIFICATION_CHANNELS` setting (dotted paths), in order."""
    paths = getattr(settings, "NOTIFICATION_CHANNELS", DEFAULT_CHANNELS)
    return [import_string(path)() for path in paths]


@dataclass
class Delivery:
    """One message a reminder provider sent (or, in a dry run, would send).

    Every entry of `REMINDER_PROVIDERS` returns a list of these, so `send_reminders` can
    summarise all of them the same way: `kind` is a stable code, `kind_label` what users
    read, `items` how many things (reports, acknowledgements) the message is about, and
    `error` is empty unless the channel failed.
    """

    kind: str
    kind_label: str
    recipient: str
    channel: str
    subject: str
    items: int = 1
    error: str = ""
