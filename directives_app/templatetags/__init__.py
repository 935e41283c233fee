"""Template filters for Vietnamese text.

May import: directives_app.core."""
