"""The registry of verified official channels: one normal form of every address of a post
or page (links), and the public registry with its "check a link".

May import: directives_app.core, conduct_app.models.
Imported by: conduct_app.models (links), conduct_app.incidents."""
