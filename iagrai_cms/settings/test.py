"""The test suite: fast hashing, private temporary media, demo data allowed."""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import env_bool, os

SECRET_KEY = "django-insecure-test-only"
DEMO_DATA_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker or app server started by a test (issue 17) shares the test's directory.
if os.environ.get("TEST_MEDIA_DIR"):
    _tmp = Path(os.environ["TEST_MEDIA_DIR"])  # noqa: F405
else:
    _tmp = Path(tempfile.mkdtemp(prefix="iagrai-test-"))  # noqa: F405
    # The process that made it removes it (xdist workers, `manage.py` subprocesses).
    atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Staff sign-in security (issue 12.6): tests that need two-factor sign-in turn it on.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", False)
