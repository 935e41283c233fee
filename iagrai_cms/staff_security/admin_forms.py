"""Admin forms that Wagtail lets a project replace (settings.WAGTAILADMIN_USER_LOGIN_FORM,
settings.WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

from __future__ import annotations

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.documents.forms import BaseDocumentForm

from directives_app.core.active_content import check_document


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with a label on the password field: Wagtail 8 declares the
    field without one, so Django derives "Password" from the field's name, in English
    whatever the language."""

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing what DESIGN §9 calls active content: documents
    are public downloads (and PDFs open in the visitor's browser), so a PDF with scripts or
    actions, or an Office file with macros, is refused like an evidence upload."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            upload.seek(0)
            kind = filetype.guess(upload.read(8192))
            upload.seek(0)
            if kind is not None:
                check_document(upload, kind.extension, upload.name or "")
        return upload
