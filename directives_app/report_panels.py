"""Panels of the report editor: the directive and what the reviewer asked for, the task
results, and the evidence (phone first)."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class TemplatePanel(Panel):
    """A panel that renders a template with the form and the object; it adds no fields
    (the form class declares them)."""

    template_name = ""

    def clone_kwargs(self):
        return super().clone_kwargs()

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        def get_context_data(self, parent_context=None):
            from .compliance import last_return

            context = super().get_context_data(parent_context)
            report = self.instance
            context.update(
                report=report,
                form=self.form,
                last_return=last_return(report) if report.pk else None,
                evidence=list(report.evidence.all()) if report.pk else [],
            )
            return context


class ReportHeaderPanel(TemplatePanel):
    template_name = "directives_app/compliance/panel_header.html"


class ResultsPanel(TemplatePanel):
    template_name = "directives_app/compliance/panel_results.html"


class EvidencePanel(TemplatePanel):
    template_name = "directives_app/compliance/panel_evidence.html"
