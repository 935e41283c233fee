"""The Code of Conduct on social networks: loading its summary, who has acknowledged the
current version, reminders, its StreamField blocks and its admin views.

May import: directives_app.core, directives_app.models, directives_app.units,
directives_app.background, conduct_app.models.
Imported by: conduct_app.models (blocks), the admin wiring."""
