"""WSGI entry point. Defaults to production settings: an app server is production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iagrai_cms.settings.production")

application = get_wsgi_application()
