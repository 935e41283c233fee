"""Settings shared by every environment. Everything secret or site-specific comes from
the environment (see README "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "iagrai_cms",
    "conduct_app",
    "directives_app",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    # Staff sign-in security (issue 12.6): login throttling, TOTP two-factor.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin says "3 seconds ago" with humanize's naturaltime; the app brings
    # Django's own Vietnamese for it.
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "iagrai_cms.search.public_input.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "iagrai_cms.caching.page_cache.PageCacheMiddleware",
    "iagrai_cms.caching.site_chrome.SiteChromeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff sign-in security (issue 12.6): OTP state on request.user, then the 2FA gate.
    "django_otp.middleware.OTPMiddleware",
    "iagrai_cms.staff_security.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "directives_app.core.vietnamese.NFCInputMiddleware",
    "iagrai_cms.admin_status.InvalidFormStatusMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Content-Security-Policy on every response that has none yet (issue 12.8).
    "csp.middleware.CSPMiddleware",
    "iagrai_cms.staff_security.admin_csp.AdminScriptNonceMiddleware",
    # Must stay last: turns a locked-out login attempt into the lockout page (issue 12.6).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iagrai_cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "iagrai_cms.context_processors.site_menu",
            ],
        },
    },
]

WSGI_APPLICATION = "iagrai_cms.wsgi.application"

# SQLite file by default (zero set-up); PostgreSQL when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer. Connections persist like PostgreSQL's: a new
    # SQLite connection re-reads the whole schema on its first query (~1.5 ms).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Local memory by default; Redis (Django's built-in backend) when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "iagrai"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "auth.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out accounts/addresses before any password is checked.
    "iagrai_cms.staff_security.login_throttle.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No AnonymousUser row: anonymous visitors never hold object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's catalogue first (its own strings and Wagtail's screens in Vietnamese),
# then the translation of Wagtail's admin application, kept apart because it is large.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail-admin"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["iagrai_cms.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Evidence and incident attachments: never under MEDIA_ROOT, never served by a web server.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("S3_BUCKET"):
    _s3 = {
        "bucket_name": os.environ["S3_BUCKET"],
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL"),
        "region_name": os.environ.get("S3_REGION"),
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3}
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": os.environ.get("S3_PRIVATE_BUCKET", _s3["bucket_name"]),
            "default_acl": "private",
            "querystring_auth": True,
            "location": "private",
        },
    }

# E-mail: console by default; EMAIL_URL-style SMTP settings from the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong-thong-tin@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Workflow notices go to the groups of each task (reviewers, the editorial board), not to
# every superuser: the system administrator reviews nothing.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Notifications and reminders (`manage.py send_reminders`, daily from cron/systemd).
# Channels: dotted paths to directives_app.core.notifications.Channel subclasses (SMS, Zalo OA
# plug in here). Providers: functions (today, dry_run) -> list[Delivery], one per app.
# Leader groups receive the escalation of reports 5 working days late (iagrai_cms.roles).
NOTIFICATION_CHANNELS = ["directives_app.core.notifications.EmailChannel"]
REMINDER_PROVIDERS = [
    "directives_app.compliance.reminders.report_reminders",
    "conduct_app.code.reminders.acknowledgement_reminders",
]
REMINDER_LEADER_GROUPS = ["Lãnh đạo"]

# -- Scale-out (issue 17): task queue, shared sessions, reverse proxy ------------------
# Background work (django-tasks). TASK_BACKEND=immediate (the default here: make run, tests)
# runs a task inside the request; TASK_BACKEND=database (production's default) stores it in
# the main database (django-tasks-db), in the same transaction as the data it concerns, for
# `manage.py task_worker` to run. See docs/DECISIONS.md (issue 17) and docs/operations.md.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}
# A failed e-mail is tried again after this many seconds (doubling each attempt).
OUTGOING_EMAIL_RETRY_SECONDS = int(os.environ.get("OUTGOING_EMAIL_RETRY_SECONDS", "60"))
# Rows written between two progress updates of an export.
EXPORT_PROGRESS_EVERY = 5000
# Sessions: in the database, read through Redis when REDIS_URL is set, so every app server
# sees every session and a Redis restart logs nobody out.
if os.environ.get("REDIS_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Reverse proxy (deploy/varnish.vcl): FRONTEND_CACHE_PURGE_URL is where Wagtail's HTTP
# PURGE backend reaches it, e.g. http://127.0.0.1:6081. Any purge bans the host's pages,
# like a page-cache generation bump (iagrai_cms.caching.page_cache.purge_frontend_cache).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
# Slugs are ASCII ("day-manh-tuyen-truyen"); see directives_app.core.vietnamese.slugify_vi.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    # "simple": no English stemming or stop words, which would eat folded Vietnamese
    # syllables such as "to", "an", "do".
    "default": {"BACKEND": "iagrai_cms.search.backend", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_DOCUMENT_FORM_BASE = (
    "iagrai_cms.staff_security.admin_forms.DocumentForm"  # active content
)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "odt", "ods", "txt", "csv", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "tiff": "jpeg"}
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"}
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it would send a hash of staff e-mails to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
# Labels the password field, which Wagtail leaves to Django's English default.
WAGTAILADMIN_USER_LOGIN_FORM = "iagrai_cms.staff_security.admin_forms.LoginForm"
LOGIN_URL = "wagtailadmin_login"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Page cache (iagrai_cms.caching.page_cache): anonymous GETs of Wagtail pages.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

# load_demo refuses to run unless this is True (dev and test only).
DEMO_DATA_ALLOWED = False

# Public report form (conduct_app): reports per client IP per hour, size of each screenshot.
# TRUSTED_PROXY_COUNT: how many reverse proxies in front append to X-Forwarded-For; 0 (the
# default) ignores the header, which a client could otherwise forge.
INCIDENT_REPORTS_PER_HOUR = int(os.environ.get("INCIDENT_REPORTS_PER_HOUR", "5"))
INCIDENT_SCREENSHOT_MAX_BYTES = int(os.environ.get("INCIDENT_SCREENSHOT_MAX_MB", "8")) * 1024 * 1024
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- Staff sign-in security (issue 12.6; docs/operations.md "Khóa đăng nhập") ---------------
# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account,
# or from one address, further attempts are refused for LOGIN_LOCKOUT_MINUTES, even with
# the right password. The address is the one the public rate limit trusts
# (conduct_app.incidents.rate_limit.client_ip: X-Forwarded-For only through TRUSTED_PROXY_COUNT).
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "iagrai_cms.staff_security.login_throttle.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "iagrai_cms.staff_security.login_throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # unlocking is a Wagtail admin screen (staff_security.viewsets)
AXES_VERBOSE = True
# The log names the account and the address of each failure (axes masks them by default);
# passwords are never logged.
AXES_SENSITIVE_PARAMETERS: list[str] = []
# Two-factor sign-in (django-otp, TOTP): required of superusers and of these groups when
# STAFF_TWO_FACTOR_REQUIRED is on (production default; dev and test leave it off so the
# demo logins work). Anyone who has set up a device is asked for a code either way.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", True)
STAFF_TWO_FACTOR_GROUPS = ["Lãnh đạo", "Quản trị hệ thống"]
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Content-Security-Policy (issue 12.8, django-csp). No inline script on the public site:
# scripts come from this origin only. The admin gets the same policy with a per-response
# nonce for Wagtail's inline scripts (iagrai_cms.staff_security.admin_csp). Inline style
# attributes stay allowed: Wagtail's admin widgets set them in markup. Responses that
# already carry a policy (private files) keep theirs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Every failed staff login and lockout (axes logs them as warnings), every 2FA
    # set-up, success and failure (issue 12.6).
    "loggers": {
        "axes": {"level": "WARNING"},
        "iagrai_cms.staff_security": {"level": "INFO"},
    },
}
WAGTAIL_FINISH_WORKFLOW_ACTION = "directives_app.register.workflow_actions.publish_approved"
PRIVATE_FILES_SERVER = os.environ.get("PRIVATE_FILES_SERVER", "django")
PRIVATE_FILES_ACCEL_PREFIX = os.environ.get("PRIVATE_FILES_ACCEL_PREFIX", "/_private/")
