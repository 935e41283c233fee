"""Import a công văn from text or .docx into a structured draft directive (issue 4): the
layout parser, split by the part of the letter it reads (header, recipients, legal basis,
tasks, deadlines, signer, distribution), the resolution of addressees to units, drafts,
and the admin's "Nhập văn bản".

May import: directives_app.core, directives_app.models.
Imported by: directives_app.models (the editor's import-warnings panel), the admin wiring
and the `import_directive` command."""
