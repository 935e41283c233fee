"""Positive news, a product of its own: the blocks of an article, the editorial board's
review, who may write in a commune's section, feeds, readership counting, renditions made
by the worker, tags, and turning an accepted compliance report into a draft article.

May import: directives_app (core, models, compliance permissions), iagrai_cms.models,
iagrai_cms.caching, iagrai_cms.roles.
Imported by: iagrai_cms.models (blocks, permission tester), the site's URLs and hooks."""
