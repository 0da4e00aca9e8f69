"""firstpoint settings: one module, every value read from the environment.

Safe defaults: an embedded SQLite database under var/, DEBUG off, and no start at all
without a SECRET_KEY unless DEBUG (the demo) or TESTING (the test suite) is on.
See .env.example for every variable.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("TESTING", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "insecure-key-for-demo-and-tests-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The council this installation serves: shown in the header of every page.
COUNCIL_NAME = env.str("COUNCIL_NAME", default="Borchester Borough Council")
# Whose bank holidays count when working days are added: england-and-wales, scotland or
# northern-ireland.
COUNCIL_NATION = env.str("COUNCIL_NATION", default="england-and-wales")
SERVICE_PHASE = env.str("SERVICE_PHASE", default="beta")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "govuk_frontend_django",
    "apps.core",
    "apps.accounts",
    "apps.catalogue",
    "apps.customers",
    "apps.contacts",
    "apps.cases",
    "apps.portal",
    "apps.open311",
    "apps.surveys",
    "apps.mystery",
    "apps.performance",
    "apps.staffing",
    "apps.workforce",
    "apps.recognition",
    "apps.operations",
    "apps.assurance",
    "apps.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.accounts.middleware.SessionRenewalMiddleware",
    # request.user.is_verified(): has this session entered a two-factor code?
    "django_otp.middleware.OTPMiddleware",
    # Every page needs a signed-in member of staff unless its view says otherwise
    # (login_not_required): the public portal opts out page by page, never the reverse.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Staff whose role needs two-factor sign-in set it up, then enter a code, before anything else.
    "apps.accounts.middleware.TwoFactorMiddleware",
]

ROOT_URLCONF = "firstpoint.urls"
WSGI_APPLICATION = "firstpoint.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.shell",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'firstpoint.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web process read while a command writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# NCSC password guidance: long (12 or more), no composition rules, no forced expiry, and
# not one of the commonly used passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    # The suite creates and signs in hundreds of people; Django's default hasher (PBKDF2, a
    # million rounds) spends a third of a second on each. Everywhere else keeps the default.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# Login throttling (django-axes): lock an email and address pair after five failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Two-factor sign-in (TOTP, django-otp): the roles that need it are chosen by an administrator
# (accounts.TwoFactorPolicy); TWO_FACTOR_ENABLED=0 switches it off altogether.
TWO_FACTOR_ENABLED = env.bool("TWO_FACTOR_ENABLED", default=True)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="firstpoint")

# Sessions end after 30 minutes without a request. Rather than rewrite the session on every
# request (SESSION_SAVE_EVERY_REQUEST), apps.accounts.middleware.SessionRenewalMiddleware
# renews it when it is more than SESSION_RENEW_SECONDS old: the same idle timeout to within a
# minute, at one database write a minute per person instead of one a page.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_RENEW_SECONDS = env.int("SESSION_RENEW_SECONDS", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy (django-csp 4): only this site's own files, and the one inline script
# (GOV.UK Frontend's js-enabled class in core/base.html) carries the request's nonce. It is
# enforced in tests too: browser journeys inject axe-core with Playwright's bypass_csp.
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole domain to HTTPS in browsers for good: the council's web
        # team decides that (SECURE_HSTS_PRELOAD=1), not an application default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers ask for the health check over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:ia"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
# Tests and the demo serve static files from their sources, so nothing is collected.
STATIC_ROOT = None if TESTING else VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    # GOV.UK Frontend's fonts and images; the compiled stylesheet points here.
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # firstpoint.css, compiled by `make static` from assets/scss.
    VAR_DIR / "build",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "apps.core.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
# Public forms: nothing bigger than a phone photo, and not too many fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=10 * 1024 * 1024)

# Open311 GeoReport v2: this council is one jurisdiction.
OPEN311_JURISDICTION_ID = env.str("OPEN311_JURISDICTION_ID", default="borchester.example")
# Public forms: posts allowed per client address in an hour.
PORTAL_RATE_LIMIT_PER_HOUR = env.int("PORTAL_RATE_LIMIT_PER_HOUR", default=30)

CACHES = {
    "default": env.cache("CACHE_URL", default="dummycache://" if TESTING else "locmemcache://")
}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
# Eager in the demo and the tests, so nothing else has to run.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=DEBUG or TESTING)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only when it has finished, and given back to the queue if its worker
# dies, so it runs again; tasks are written to be safe to run twice (see apps/core/tasks_outbox.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Workers log through Django's LOGGING (JSON in production), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A message a dead worker held comes back after this many seconds.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # Queueing a task gives up within a couple of seconds when Redis is away (the task waits
    # in the outbox) instead of holding up the page that queued it.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# Seconds the health check waits for the broker and cache to answer.
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=1.0)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    # Mark service requests that have passed their SLA and tell their departments.
    "mark-sla-breaches": {"task": "cases.mark_breaches", "schedule": 15 * 60},
    # Send background work queued while the broker was away (apps/core/tasks_outbox.py).
    "relay-task-outbox": {"task": "core.relay_task_outbox", "schedule": 30},
}

# The notifier: "outbox" keeps every message in a table staff can read (nothing leaves the
# machine); "govuk_notify" also sends it through GOV.UK Notify.
NOTIFY_BACKEND = env.str("NOTIFY_BACKEND", default="outbox")
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_EMAIL_TEMPLATE_ID = env.str("NOTIFY_EMAIL_TEMPLATE_ID", default="")
NOTIFY_SMS_TEMPLATE_ID = env.str("NOTIFY_SMS_TEMPLATE_ID", default="")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissions",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "firstpoint staff API",
    "DESCRIPTION": "The staff API of firstpoint, a council's customer services system.",
    "VERSION": "0.1.0",
}

# Structured logs: one JSON object a line (python-json-logger) in production, plain text in
# the demo and tests; LOG_JSON overrides.
LOG_JSON = env.bool("LOG_JSON", default=not (DEBUG or TESTING))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_JSON else "plain"}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
    },
}
