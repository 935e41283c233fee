"""The register of directives: what happens on issue (addressees, reports opened), the
listing with filters and search, the RSS feed, the official PDF (rendered once per
revision), the page form and the workflow's finishing action.

May import: directives_app.core, directives_app.models, directives_app.units,
directives_app.compliance.services (issuing opens the reports).
Imported by: the page models through core.routing only (never directly), the site."""
