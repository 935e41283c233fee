"""Compliance reports of units: the services that open and keep reports in step with the
workflow, the unit's report screen (form, panels, actions, evidence uploads and private
files), the reviewer's screen, permissions, notifications, reminders and dashboard panels.

May import: directives_app.core, directives_app.models, directives_app.units,
directives_app.background (e-mail). Its services and permissions never import its views.
Imported by: register (issuing), progress, iagrai_cms.news (evidence to articles)."""
