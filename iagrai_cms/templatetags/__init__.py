"""Template tags of the site: the portal's name, share cards.

May import: directives_app.core, iagrai_cms.models."""
