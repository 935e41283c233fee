"""Site search and the guards on public input: the search view, the backend that cleans
every query before Wagtail's database backend sees it, and the URL converter and checks
that no single view owns.

May import: Django and Wagtail; iagrai_cms.models.
Imported by: settings (backend), the site's URLs, AppConfig.ready."""
