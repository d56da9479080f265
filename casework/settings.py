"""Casework settings: one module, read from environment variables.

The defaults make `make run` work on a laptop (SQLite, DEBUG on only when asked). Production sets
DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS; everything security-related is on unless DEBUG is.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from casework.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

# Without SECRET_KEY the app still starts (tests, the demo), but `casework check --deploy` fails.
INSECURE_SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or INSECURE_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

COUNCIL_NAME = env_str("CASEWORK_COUNCIL_NAME", "Northbrook Council")
# The council's three-digit DfE local authority code, carried in the header of every census.
# The demo council uses 001, one of the DfE's recognised pseudo-LA codes, so it is not mistaken
# for a real council.
COUNCIL_LA_CODE = env_str("CASEWORK_COUNCIL_LA_CODE", "001")
SERVICE_NAME = env_str("CASEWORK_SERVICE_NAME", "Casework")
PHASE = env_str("CASEWORK_PHASE", "Beta")
DEMO_PASSWORD = env_str("CASEWORK_DEMO_PASSWORD", "casework-demo-2026")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.postgres",
    "django_htmx",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "casework.common",
    "casework.accounts",
    "casework.audit",
    "casework.people",
    "casework.cases",
    "casework.oversight",
    "casework.frontdoor",
    "casework.assessments",
    "casework.workforce",
    "casework.plans",
    "casework.meetings",
    "casework.protection",
    "casework.portal",
    "casework.returns",
    "casework.api",
    "casework.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "casework.common.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before staff sign-in: a family portal browser gets 404 from staff pages, not a sign-in page.
    "casework.portal.middleware.PortalConfinementMiddleware",
    "casework.accounts.middleware.StaffLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "casework.urls"
WSGI_APPLICATION = "casework.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "casework" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casework.common.context_processors.service",
            ],
            "builtins": ["django.templatetags.static", "casework.common.templatetags.govuk"],
        },
    }
]

FORM_RENDERER = "casework.common.forms.GovukFormRenderer"

# Databases ---------------------------------------------------------------------------------------
DEMO_DATABASE = BASE_DIR / "var" / "casework.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DEMO_DATABASE}")
if DATABASE_URL.endswith(str(DEMO_DATABASE)):
    DEMO_DATABASE.parent.mkdir(exist_ok=True)
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL could not be read ({error}). Set it to postgres://user:pass@host:5432/name "
        "or leave it unset for the demo's SQLite file."
    ) from error
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; the demo has both.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts and sessions ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "casework.accounts.backends.LockoutModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOCKOUT_THRESHOLD = env_int("CASEWORK_LOCKOUT_THRESHOLD", 5)
LOCKOUT_MINUTES = env_int("CASEWORK_LOCKOUT_MINUTES", 15)

# Idle time-out: every request renews the cookie, so the age is the idle limit.
SESSION_COOKIE_AGE = env_int("CASEWORK_SESSION_IDLE_MINUTES", 30) * 60
SESSION_TIMEOUT_WARNING_SECONDS = env_int("CASEWORK_SESSION_WARNING_SECONDS", 120)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
CSRF_FAILURE_VIEW = "casework.common.views.csrf_failure"

# Family portal: separate accounts and sessions, shorter idle time-out than staff sessions.
CASEWORK_PORTAL_MIN_AGE = env_int("CASEWORK_PORTAL_MIN_AGE", 13)
CASEWORK_PORTAL_IDLE_MINUTES = env_int("CASEWORK_PORTAL_IDLE_MINUTES", 15)
CASEWORK_PORTAL_INVITATION_HOURS = env_int("CASEWORK_PORTAL_INVITATION_HOURS", 72)
CASEWORK_PORTAL_CODE_MINUTES = env_int("CASEWORK_PORTAL_CODE_MINUTES", 10)
CASEWORK_PORTAL_MAX_ATTEMPTS = env_int("CASEWORK_PORTAL_MAX_ATTEMPTS", 5)
CASEWORK_PORTAL_LOCKOUT_MINUTES = env_int("CASEWORK_PORTAL_LOCKOUT_MINUTES", 30)
CASEWORK_PORTAL_END_WHEN_CASE_CLOSES = env_bool("CASEWORK_PORTAL_END_WHEN_CASE_CLOSES", True)

# Security headers --------------------------------------------------------------------------------
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# TLS ends at the council's proxy, which should also redirect plain HTTP; turn this on where it
# does not.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
if env_bool("CASEWORK_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Static files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not hashed: a manifest would make every test and fresh checkout depend on
    # collectstatic having run first.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("CASEWORK_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
WHITENOISE_USE_FINDERS = DEBUG

# Background work ---------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Locale ------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"

# Email -------------------------------------------------------------------------------------------
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "CASEWORK_MAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": env_str("CASEWORK_SMTP_HOST"),
                "port": env_int("CASEWORK_SMTP_PORT", 587),
                "username": env_str("CASEWORK_SMTP_USERNAME"),
                "password": env_str("CASEWORK_SMTP_PASSWORD"),
                "use_tls": True,
            }.items()
            if env_str("CASEWORK_SMTP_HOST")
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "casework@localhost")

# Logging -----------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"casework": {"level": env_str("LOG_LEVEL", "INFO"), "propagate": True}},
}

# Demo ------------------------------------------------------------------------------------------
# Demo data is only ever written by `casework seed`; outside DEBUG it must be forced.
DEMO_ALLOWED = DEBUG or env_bool("CASEWORK_ALLOW_DEMO", default=False)
