"""What leaders read out of compliance reports: report statuses as people read them, the
summary table kept by database triggers (tally), the dashboard with its exports, the PDF
progress report and receipt, and the public progress page of a directive.

May import: directives_app.core, directives_app.models, directives_app.units,
directives_app.compliance (permissions), directives_app.background (prepared files).
Imported by: nothing of the project but AppConfig.ready and wagtail_hooks."""
