"""The editor panel that shows a draft's import warnings to the clerk (issue 4, item 3):
what the parser could not read or resolve, beside the fields to correct, with a link to
the original. Shown only on directives made by the importer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

if TYPE_CHECKING:
    from directives_app.models.imports import ImportedLetter


class ImportWarningsPanel(Panel):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("heading", _("Văn bản nhập"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "directives_app/importer/warnings_panel.html"

        @cached_property
        def imported(self) -> ImportedLetter | None:
            from directives_app.models.imports import ImportedLetter

            if not getattr(self.instance, "pk", None):
                return None
            return (
                ImportedLetter.objects.filter(page_id=self.instance.pk)
                .select_related("document", "created_by")
                .first()
            )

        def is_shown(self) -> bool:
            return self.imported is not None

        def get_context_data(self, parent_context: dict | None = None) -> dict:
            context = super().get_context_data(parent_context)
            context["imported"] = self.imported
            return context
