"""Admin views of the importer ("Nhập văn bản"); imported by directives_app.wagtail_hooks."""
