"""Local development: DEBUG on, a fixed insecure key, demo data allowed."""

from .base import *  # noqa: F403
from .base import env_bool, os

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-dev-only-key-never-use-in-production"
DEMO_DATA_ALLOWED = True
INTERNAL_IPS = ["127.0.0.1"]
# Runserver serves static files from the app directories; no collectstatic needed.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Demo logins work with the password alone (docs/DECISIONS.md, issue 12); set
# STAFF_TWO_FACTOR_REQUIRED=1 to try two-factor sign-in locally.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", False)
