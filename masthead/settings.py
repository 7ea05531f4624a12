"""Masthead's settings: infrastructure from the environment; editorial choices live in the admin.

Every variable is documented in `.env.example`. Development defaults are safe on a laptop;
production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and SITE_URL (`manage.py check --deploy` says
what else is missing).
"""

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from masthead.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "masthead"
# Everything the site writes at run time (SQLite file, cache, uploads) lives under one folder.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
# SQLite cannot create its folder, and a fresh checkout has none.
VAR_DIR.mkdir(parents=True, exist_ok=True)

TESTING = "pytest" in sys.modules

DEBUG = env_bool("DEBUG", default=True)
_DEV_SECRET = "django-insecure-dev-only-key-never-use-in-production-0123456789abc"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG=0.")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "masthead.accounts",
    "masthead.newsroom",
    "masthead.photos",
    "masthead.news",
    "masthead.wire",
    "masthead.community",
    "masthead.moderation",
    "masthead.support",
    "masthead.campaigns",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "masthead.lib.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "masthead.accounts.context_processors.notifications",
            ],
        },
    },
]

# Databases ---------------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers carry on while one writer writes; IMMEDIATE
# transactions take the write lock up front, so two writers queue on the busy timeout instead of
# failing with "database is locked" when one of them upgrades a read lock.
SQLITE_PATH = VAR_DIR / "masthead.sqlite3"
SQLITE_BUSY_TIMEOUT_SECONDS = env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20)
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000};"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
            # A file, not memory, so tests run on the same journal mode as production; one per
            # process, so parallel runs on one machine do not share it.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache -------------------------------------------------------------------------------------------
# Several web and worker processes must see one cache (page purges, locks): Redis when scaled out,
# a file cache shared by the processes of one machine otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL and TESTING:
    # Each parallel test process empties its cache between tests; give each its own Redis
    # database so one process's clear() cannot wipe another's pages mid-test.
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    REDIS_URL = f"{REDIS_URL.rsplit('/', 1)[0]}/{1 + _worker % 15}"
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "masthead"),
        }
    }
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
if not REDIS_URL:
    # Renditions never change once made, so each process may keep its own copy of the lookups.
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
# Anonymous readers get whole pages from the cache for this long (0 switches it off); publishing
# anything purges them at once, so this only bounds how stale a clock-driven detail may get.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

# Background work ---------------------------------------------------------------------------------
# The database is the queue: `manage.py worker` runs the tasks and the every-minute clock.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Auth --------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Readers sign in with their e-mail address; staff may still use a username in the admin.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "masthead.accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
# A new reader confirms their address before their first sign-in. Only then can allauth make
# a sign-up with a registered address look exactly like a new one (no account enumeration).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_USER_DISPLAY = "masthead.accounts.models.public_name"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {
    # Per IP and per account, as allauth counts them: "attempts/period/key".
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": env_str("RATE_LIMIT_SIGNUP", "20/m/ip"),
    "reset_password": env_str("RATE_LIMIT_RESET_PASSWORD", "20/m/ip,5/m/key"),
    "confirm_email": "1/3m/key",
}

# E-mail ------------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Masthead <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
# An e-mail API instead of SMTP: install its backend (e.g. django-anymail) and name it here.
EMAIL_BACKEND_OVERRIDE = env_str("EMAIL_BACKEND")
if EMAIL_BACKEND_OVERRIDE:
    EMAIL_BACKEND = EMAIL_BACKEND_OVERRIDE
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Internationalisation ----------------------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en-gb")
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# Static and uploaded files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / ("test-media" if TESTING else "media"))))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security ----------------------------------------------------------------------------------------
# Secure by default once DEBUG is off; set SECURE_SSL_REDIRECT=0 only behind a proxy that already
# redirects, and SECURE_PROXY_SSL_HEADER=1 when that proxy sets X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# How many proxies (load balancer, nginx) stand in front of the app and append to
# X-Forwarded-For; readers' addresses (for rate limits) are read from there when it is set.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")

# Wagtail -----------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Masthead")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "photos.Photo"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No calls home from a newsroom's back office, and no editor's e-mail hash sent to Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Community -------------------------------------------------------------------------------------
# The local toxicity scorer (a class with .score(text)) and its time budget in seconds; a comment
# whose scoring fails or runs over is held for a moderator, never published unscreened.
COMMENT_SCORER = env_str("COMMENT_SCORER", "masthead.community.scoring.LinearScorer")
COMMENT_SCORER_TIMEOUT = env_int("COMMENT_SCORER_TIMEOUT_MS", 2000) / 1000
# Masthead's own scorer: the model file used until a retrained version is activated (empty: the
# one in the repository), and how often each process asks which version is active.
COMMENT_SCORER_MODEL = env_str("COMMENT_SCORER_MODEL", "")
COMMENT_SCORER_RECHECK_SECONDS = env_int("COMMENT_SCORER_RECHECK_SECONDS", 30)
# Retraining on moderators' decisions: how many the site needs before a retrained version may
# replace the active one, and how much one of them weighs against one corpus example.
COMMENT_SCORER_MIN_DECISIONS = env_int("COMMENT_SCORER_MIN_DECISIONS", 50)
COMMENT_SCORER_SITE_WEIGHT = env_int("COMMENT_SCORER_SITE_WEIGHT", 2)
# Readers' IP addresses are kept on comments for abuse handling, then cleared (0 keeps them).
COMMENT_IP_RETENTION_DAYS = env_int("COMMENT_IP_RETENTION_DAYS", 90)

# Newsroom --------------------------------------------------------------------------------------
# The admin's wire upload takes JSON and pictures; a bigger delivery belongs on `manage.py ingest`.
WIRE_MAX_UPLOAD_BYTES = env_int("WIRE_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)

# Reader support --------------------------------------------------------------------------------
# Stripe's secret API key and the signing secret of the webhook endpoint (/support/stripe/webhook/).
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
# Without keys, the contribute page runs in a clearly labelled test mode that moves no money;
# a system check refuses to start with test mode on and a live key (sk_live_/rk_live_).
STRIPE_TEST_MODE = env_bool("STRIPE_TEST_MODE", default=not STRIPE_SECRET_KEY)
if STRIPE_TEST_MODE and STRIPE_SECRET_KEY.startswith(("sk_live_", "rk_live_")):
    raise ImproperlyConfigured("STRIPE_TEST_MODE cannot be on with a live STRIPE_SECRET_KEY.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("LOG_LEVEL", "WARNING" if TESTING else "INFO"),
    },
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
