"""Citizens' and units' reports of false information and impersonating pages: intake,
triage and its permission policy, tracking codes, rate limits, screenshots, notifications,
statistics and the monthly PDF, the public form and lookup, and the handlers' admin.

May import: directives_app.core, directives_app.models, directives_app.units,
directives_app.background, conduct_app.models, conduct_app.channels (links).
Imported by: the admin wiring; the page models through core.routing only."""
