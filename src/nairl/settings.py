"""Settings for NAIRL Hub, read from the environment.

`NAIRL_ENV=production` switches on the hardened settings that `nairl check --deploy` verifies;
anything else is a development set-up on an embedded SQLite database under `var/`.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("NAIRL_VAR_DIR", PROJECT_DIR / "var"))

ENVIRONMENT = os.environ.get("NAIRL_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = os.environ.get("NAIRL_DEBUG", "0" if PRODUCTION else "1") == "1"
SECRET_KEY = os.environ.get("NAIRL_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("NAIRL_SECRET_KEY must be set in production.")
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list(
    "NAIRL_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("NAIRL_CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "nairl.common.views.csrf_failure"
AUTH_USER_MODEL = "common.User"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_countries",
    "nairl.common",
    "nairl.people",
    "nairl.robotics",
    "nairl.scaling",
    "nairl.research",
    "nairl.seminars",
    "nairl.residency",
    "nairl.calls",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "nairl.common.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nairl.common.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "nairl.common.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nairl.urls"
WSGI_APPLICATION = "nairl.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nairl.common.context_processors.hub",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nairl.sqlite3'}"),
        conn_max_age=int(os.environ.get("NAIRL_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # git keeps no var/: a fresh clone's first `nairl migrate` needs the database's folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the server read while a background task writes.
        "init_command": "PRAGMA journal_mode=WAL;",
        # Writers queue for the lock from the start of their transaction (waiting up to the
        # timeout) instead of failing when a read turns into a write under contention.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too: an in-memory database shared between threads fails concurrent
    # writers at once ("table is locked") where a real hub's would wait their turn.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes refuses a user name from an address after AXES_FAILURE_LIMIT failed sign-ins (on
# the sign-in page, the admin's and the API token endpoint alike), even with the right password,
# until AXES_COOLOFF_TIME has passed; a success resets the count. Counting the pair, not the
# address or the name alone, keeps one person from locking out a whole office or someone else.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NAIRL_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("NAIRL_SIGNIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "nairl.common.signin.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "nairl.common.signin.client_address"
# How many reverse proxies stand before the hub and append to X-Forwarded-For (0: none).
PROXY_COUNT = int(os.environ.get("NAIRL_PROXY_COUNT", "0"))

# API tokens (nairl.common.tokens) expire after this many days unless their owner picks another
# lifetime on the account page.
API_TOKEN_LIFETIME_DAYS = int(os.environ.get("NAIRL_API_TOKEN_DAYS", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Country choosers (nairl/common/choices.py) start with Korea and the partner countries; two
# English names django-countries gets wrong ("Naoero" for Nauru, "Bahamas (The)").
COUNTRIES_FIRST = ["KR", "US", "CA", "FR", "AE", "JP"]
COUNTRIES_OVERRIDE = {"NR": _("Nauru"), "BS": _("Bahamas")}

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it
USE_I18N = True
TIME_ZONE = "Asia/Seoul"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# WhiteNoise serves static files, DEBUG on or off: outside production straight from the apps'
# folders (nothing to collect, nothing scanned at start-up); in production the hashed, compressed
# copies `nairl collectstatic` writes to STATIC_ROOT.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not PRODUCTION

EMAIL_BACKEND = os.environ.get(
    "NAIRL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("NAIRL_FROM_EMAIL", "hub@nairl.example")
# The hub's public address, for links in emails and calendar feeds (which outlive a request).
SITE_URL = os.environ.get("NAIRL_SITE_URL", "http://127.0.0.1:8000")

# Uploads and imports are bounded (see common/uploads.py and common/spreadsheets.py).
NAIRL_MAX_UPLOAD_BYTES = int(os.environ.get("NAIRL_MAX_UPLOAD_BYTES", 20_000_000))
NAIRL_MAX_IMPORT_ROWS = int(os.environ.get("NAIRL_MAX_IMPORT_ROWS", 100_000))
NAIRL_MAX_IMPORT_COLUMNS = int(os.environ.get("NAIRL_MAX_IMPORT_COLUMNS", 100))
NAIRL_MAX_XLSX_UNPACKED_BYTES = int(os.environ.get("NAIRL_MAX_XLSX_UNPACKED_BYTES", 50_000_000))
FILE_UPLOAD_HANDLERS = [
    "nairl.common.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
]
# The rest of the form rides in the same request body as the file.
FILE_UPLOAD_MAX_MEMORY_SIZE = NAIRL_MAX_UPLOAD_BYTES + 1_000_000

REST_FRAMEWORK = {
    # Token first: DRF takes the first class's challenge for its 401, so a request without valid
    # credentials gets 401 with "WWW-Authenticate: Token" (session first would turn it into a
    # 403). A request without a token header still signs in by session, with its CSRF check.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "nairl.common.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["nairl.common.permissions.RolePermission"],
    "DEFAULT_PAGINATION_CLASS": "nairl.common.pagination.StableCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "nairl.common.schema.HubAutoSchema",
    "EXCEPTION_HANDLER": "nairl.common.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NAIRL Hub API",
    "DESCRIPTION": (
        "People, institutions and the research programs of the national AI research lab."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # 3.1: its schemas are JSON Schema, so answers can be checked against them as they are.
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "nairl.common.schema.truthful_schema",
    ],
    "REDOC_DIST": "SIDECAR",  # Redoc from the installed package, not from a CDN
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "nairl.common.models.JobStatus",
        "ComparisonKindEnum": "nairl.scaling.models.Comparison.Kind",
        "StayStatusEnum": "nairl.residency.models.StayStatus",
        "BookingStatusEnum": "nairl.residency.models.BookingStatus",
    },
}

# Background work (nairl.common.tasks): "database" queues it for the worker beside the web server
# (`nairl worker`); "celery" sends it to workers of the one Celery app, nairl.common.celery_app,
# whose broker is NAIRL_BROKER_URL; "inline" runs it in-process after commit (tests).
TASK_BACKEND = os.environ.get("NAIRL_TASK_BACKEND", "database")
# A worker writes a running task's last sign of life this often; one silent for three times as
# long is taken for dead, and its task and job are marked interrupted.
NAIRL_TASK_HEARTBEAT_SECONDS = float(os.environ.get("NAIRL_TASK_HEARTBEAT_SECONDS", "10"))
# What one person may ask of the machines at once, and how big one job may be.
NAIRL_MAX_ACTIVE_JOBS_PER_USER = int(os.environ.get("NAIRL_MAX_ACTIVE_JOBS_PER_USER", "3"))
NAIRL_MAX_BOOTSTRAP = int(os.environ.get("NAIRL_MAX_BOOTSTRAP", "2000"))
NAIRL_MAX_EPISODES_PER_TASK = int(os.environ.get("NAIRL_MAX_EPISODES_PER_TASK", "100"))
NAIRL_MAX_EVALUATION_WORKERS = int(os.environ.get("NAIRL_MAX_EVALUATION_WORKERS", "2"))
NAIRL_MAX_ACTIVE_EVALUATIONS_PER_TEAM = int(
    os.environ.get("NAIRL_MAX_ACTIVE_EVALUATIONS_PER_TEAM", "2")
)

# A booked desk not checked in by this time (hub time, HH:MM) is released for others.
RESIDENCY_CHECK_IN_BY = os.environ.get("NAIRL_RESIDENCY_CHECK_IN_BY", "10:30")

# Robot policies. Teams run their policies on their own servers (remote policies); the hub runs
# only the reference policies and the entry points an administrator lists here as name=entry
# point pairs ("lab_mlp=lab_policies.mlp:make_policy,..."), never a module a team names.
ROBOTICS_INSTALLED_POLICIES = dict(
    item.split("=", 1) for item in env_list("NAIRL_ROBOTICS_INSTALLED_POLICIES", "") if "=" in item
)
ROBOTICS_BASELINE = Path(
    os.environ.get("NAIRL_ROBOTICS_BASELINE", VAR_DIR / "robotics" / "baseline-mt10.npz")
)
# Whether a remote policy's server may be on this machine (demos, tests); never in production,
# where it would let a team reach the hub's own services.
ROBOTICS_REMOTE_LOOPBACK = (
    os.environ.get("NAIRL_ROBOTICS_REMOTE_LOOPBACK", "0" if PRODUCTION else "1") == "1"
)

# Content-Security-Policy: scripts, styles, images and fonts from the hub alone; no inline
# script, no plugin, no framing, forms post only to the hub. Inline styles stay allowed: the
# plots are matplotlib SVGs drawn inside the page, styled by their own attributes, and Redoc
# (the API reference) injects its styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Powerful browser features no page of the hub uses, switched off for every page.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused or missing page is the visitor's mistake, not the hub's: one line, no traceback.
    "filters": {"client_errors_briefly": {"()": "nairl.common.log_filters.ClientErrorsBriefly"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors_briefly"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("NAIRL_LOG_LEVEL", "WARNING")},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("NAIRL_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("NAIRL_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
