"""Panels of the report editor: the directive and what the reviewer asked for, the task
results, and the evidence (phone first)."""

from __future__ import annotations

from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.panels import ObjectList, Panel

# Other apps add links to a report's screens (header panel, review screen's "accepted"
# message) with functions `(report, user) -> [(label, url), ...]` registered under this
# name, e.g. the site's "turn this report into a draft article". This app knows none of them.
REPORT_LINKS_HOOK = "register_compliance_report_links"


def report_links(report, user) -> list[tuple[str, str]]:
    """The (label, url) links every registered function offers for this report."""
    links: list[tuple[str, str]] = []
    for links_for in hooks.get_hooks(REPORT_LINKS_HOOK):
        links.extend(links_for(report, user) or [])
    return links


def guide_url_for(user, audience: str) -> str:
    """The admin URL of the short guide for unit heads ("unit") or reviewers ("review")."""
    from django.urls import reverse

    return reverse("directives_guide", args=[audience])


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
            from .services import last_return

            context = super().get_context_data(parent_context)
            report = self.instance
            context.update(
                report=report,
                form=self.form,
                last_return=last_return(report) if report.pk else None,
                evidence=list(report.evidence.all()) if report.pk else [],
            )
            return context

        def claimed_fields(self) -> list[str]:
            """Form fields this panel renders itself (the form adds them at run time)."""
            return self.panel.claimed_fields(self.form)

    def claimed_fields(self, form) -> list[str]:
        return []


class ReportHeaderPanel(TemplatePanel):
    template_name = "directives_app/compliance/panel_header.html"

    class BoundPanel(TemplatePanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            context["links"] = report_links(report, self.request.user) if report.pk else []
            directive = report.directive if report.directive_id else None
            context["directive_url"] = (
                directive.get_url(self.request) if directive and directive.live else ""
            )
            context["guide_url"] = guide_url_for(self.request.user, "unit")
            return context


class ResultsPanel(TemplatePanel):
    template_name = "directives_app/compliance/panel_results.html"

    def claimed_fields(self, form) -> list[str]:
        return [
            name
            for _r, prefix in form.result_rows
            for name in (f"{prefix}_outcome", f"{prefix}_text")
        ]


class EvidencePanel(TemplatePanel):
    template_name = "directives_app/compliance/panel_evidence.html"

    def claimed_fields(self, form) -> list[str]:
        fixed = ["new_photos", "new_files", "new_caption", "new_links", "remove_evidence"]
        return fixed + list(getattr(form, "caption_fields", {}).values())


class ReportEditHandler(ObjectList):
    """Wagtail renders every form field no panel claims after the panels (meant for hidden
    formset fields); the report's panels render fields the form creates at run time."""

    class BoundPanel(ObjectList.BoundPanel):
        def render_missing_fields(self):
            rendered = set(self.panel.get_form_options().get("fields", []))
            for child in self.children:
                if hasattr(child, "claimed_fields"):
                    rendered.update(child.claimed_fields())
            return mark_safe(
                "".join(str(self.form[name]) for name in self.form.fields if name not in rendered)
            )
