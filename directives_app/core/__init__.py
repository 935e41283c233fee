"""The rules every concern shares, below all of them: Vietnamese text (NFC, folding,
collation, dates), document types and symbols (Nghị định 30/2020), the page base class,
absolute URLs, upload checks for active content, official PDF rendering, the export
buttons of admin reports, and the registry through which page routes reach their views.

May import: Django, Wagtail and libraries only; nothing else of the project.
Imported by: every package of the project."""
