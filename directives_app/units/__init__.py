"""The organisation tree: loading units from JSON (`load_units`), the object permissions
a membership carries, the unit scope of Wagtail's admin (policies, viewsets, choosers)
and the admin of units, groups, memberships and holidays.

May import: directives_app.core, directives_app.models.
Imported by: compliance, progress, conduct_app, iagrai_cms (anything scoped by unit)."""
