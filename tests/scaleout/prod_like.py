"""Production settings for app servers that tests start (issue 17): everything as in
production (Redis cache and sessions, durable task queue, page cache, secure cookies)
except static files, which are served from the app directories instead of a
collectstatic manifest, and HTTPS, which the proxy in front would end."""

from iagrai_cms.settings.production import *  # noqa: F403
from iagrai_cms.settings.production import STORAGES

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
# The test database's demo passwords were hashed with the test settings' fast hasher.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
# What these servers share is under test, not sign-in: the demo accounts have no TOTP device.
STAFF_TWO_FACTOR_REQUIRED = False
