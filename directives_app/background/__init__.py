"""Work done by the task worker for every concern: the e-mail outbox (retried, never sent
twice) and files prepared for one user (with a status page). The concern that owns a kind
of file registers its builder here; this package knows no concern.

May import: directives_app.core, directives_app.models.
Imported by: compliance, progress, conduct_app (e-mail)."""
