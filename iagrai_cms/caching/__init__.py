"""Caching of public pages: the whole-response cache for anonymous visitors, fragments
versioned by the page-cache generation, the frontend (Varnish) purge, and what every public
page needs kept per process (site_chrome).

May import: iagrai_cms.models.cache and settings, directives_app.core.
Imported by: iagrai_cms.models (fragment versions), middleware settings, the site."""
