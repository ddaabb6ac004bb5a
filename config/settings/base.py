"""Settings shared by every environment. Environment-specific files import from here."""

import datetime
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import database_config, env_bool, env_choix, env_int, env_list, origine

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "widget_tweaks",  # django-dsfr's checkbox templates load it
    "django_htmx",
    "django_filters",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "axes",
    "pacte",
    "parcours",
    "partenaires",
    "courriers",
    "droits",
    "evaluation",
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after the static files: every response Django builds is private, no-store (personal data).
    "pacte.middleware.PasDeCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Right after the sessions: it marks the session to save before SessionMiddleware writes it.
    "pacte.middleware.SessionGlissanteMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the French lockout page.
    "axes.middleware.AxesMiddleware",
]

# ProConnect (OpenID Connect) for the agents, beside the password: on once the issuer and the client are set.
PROCONNECT_ISSUER = os.environ.get("PROCONNECT_ISSUER", "").strip().rstrip("/")
PROCONNECT_CLIENT_ID = os.environ.get("PROCONNECT_CLIENT_ID", "").strip()
PROCONNECT_CLIENT_SECRET = os.environ.get("PROCONNECT_CLIENT_SECRET", "").strip()
PROCONNECT_SCOPES = os.environ.get("PROCONNECT_SCOPES", "openid email given_name usual_name uid siret").strip()
# Only these e-mail domains may log in or ask for an access (lower case, no "@"); empty: nobody.
PROCONNECT_DOMAINES = [d.lower().lstrip("@") for d in env_list("PROCONNECT_DOMAINES", [])]
PROCONNECT_ACTIF = bool(PROCONNECT_ISSUER and PROCONNECT_CLIENT_ID and PROCONNECT_CLIENT_SECRET)
# An operator whose agents all come through ProConnect switches the password off (the Django admin included).
CONNEXION_PAR_MOT_DE_PASSE = env_bool("PACTE_CONNEXION_MOT_DE_PASSE", True)
if not (PROCONNECT_ACTIF or CONNEXION_PAR_MOT_DE_PASSE):
    raise ImproperlyConfigured(
        "PACTE_CONNEXION_MOT_DE_PASSE=0 sans ProConnect configuré : personne ne pourrait se connecter. "
        "Renseignez PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET."
    )

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if CONNEXION_PAR_MOT_DE_PASSE else []),
    *(["pacte.proconnect.backend.ProConnectBackend"] if PROCONNECT_ACTIF else []),
]
# mozilla-django-oidc: PKCE on top of state and nonce; the id_token kept for the end of session at logout.
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_RP_SIGN_ALGO = os.environ.get("PROCONNECT_ALGORITHME", "RS256")
OIDC_AUTHENTICATION_CALLBACK_URL = "proconnect_retour"
OIDC_TIMEOUT = 10

# Login throttling (pacte/connexion.py): 5 failures for one account (whatever the case of its e-mail) from one
# address lock it for 15 minutes; 20 failures from one address, all accounts together, lock that address.
AXES_HANDLER = "pacte.connexion.GestionnaireConnexions"
AXES_USERNAME_CALLABLE = "pacte.connexion.identifiant_normalise"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
PACTE_CONNEXION_ECHECS_PAR_ADRESSE = env_int("PACTE_CONNEXION_ECHECS_PAR_ADRESSE", 20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The login form posts the e-mail in "username" (Django's AuthenticationForm), not in "email".
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/connexion_bloquee.html"
AXES_VERBOSE = False

# No inline script anywhere: scripts come from our own static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # Chromium checks form-action on the redirects that follow a form: the ProConnect button and the logout
        # (end of session) lead to ProConnect.
        "form-action": ["'self'", *([origine(PROCONNECT_ISSUER)] if PROCONNECT_ACTIF else [])],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    }
]

# Who runs this instance, read once at start-up (README, «Choisir l'opérateur»). The DSFR, the Marianne, the
# State's motto and the Marianne font are the State's signs: only an «etat» operator (the State, or a national
# operator acting for it) shows them. A département running its own instance is «collectivite» (the default, and the
# demo's): its own identity from its référentiel, on a foundation it may use (Bootstrap, static/vendor/).
OPERATEURS = {
    # operator: the theme (folder of templates/ui/ drawing the components, pacte.themes) and the apps whose static
    # files are not served (pacte.statiques: django-dsfr's CSS, JS, icons and fonts stay out of a département's
    # instance, also out of collectstatic; its templates and tags stay installed for the «dsfr» theme).
    "collectivite": {"PACTE_THEME": "collectivite", "PACTE_STATIQUES_EXCLUES": ("dsfr",)},
    "etat": {"PACTE_THEME": "dsfr", "PACTE_STATIQUES_EXCLUES": ()},
}
PACTE_OPERATEUR = env_choix("PACTE_OPERATEUR", "collectivite", tuple(OPERATEURS))
PACTE_THEME = OPERATEURS[PACTE_OPERATEUR]["PACTE_THEME"]
PACTE_STATIQUES_EXCLUES = OPERATEURS[PACTE_OPERATEUR]["PACTE_STATIQUES_EXCLUES"]
# The service's name in the header; an «etat» operator names itself (the département is then the context of data).
PACTE_NOM_SERVICE = os.environ.get("PACTE_NOM_SERVICE", "").strip() or "Pacte territorial d'insertion"
# Who answers for the accessibility statement and to whom one writes (the operator's service).
PACTE_CONTACT_ACCESSIBILITE = os.environ.get("PACTE_CONTACT_ACCESSIBILITE", "").strip()

# Marking optional fields is the DSFR's current rule (django-dsfr's field templates, drawn by the DSFR theme's
# renderer, read it).
DSFR_MARK_OPTIONAL_FIELDS = True
DSFR_USE_INTEGRITY_CHECKSUMS = True

DATABASES = {"default": database_config(VAR_DIR / "pacte.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "pacte.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accueil"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "pacte.statiques.FinderDesApplications",
]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60)
# Inactivity expiry: pacte.middleware.SessionGlissanteMiddleware pushes the expiry forward at most once
# a minute, instead of a write on every request.
SESSION_SAVE_EVERY_REQUEST = False
PACTE_SESSION_RAFRAICHIE_SECONDES = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The dashboard's figures, shared by every worker process: a table of the application's own
    # database (evaluation migration 0003), so nothing more to run in production.
    "indicateurs": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "pacte_cache_indicateurs",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# How long the dashboard serves figures already computed (seconds); «Recalculer» bypasses it.
PACTE_FRAICHEUR_INDICATEURS = env_int("PACTE_FRAICHEUR_INDICATEURS", 10 * 60)

# Lifetime of an API token (pacte/models/jetons.py): after it, the user creates a new one on their page.
PACTE_JETON_API_DUREE_JOURS = env_int("PACTE_JETON_API_DUREE_JOURS", 90)

# Duplicate checks of the creation form per user and minute (parcours/personnes.py): the check looks people up
# by numéro allocataire across the département, so it must not become a directory to scan.
PACTE_VERIFICATIONS_DOUBLONS_PAR_MINUTE = env_int("PACTE_VERIFICATIONS_DOUBLONS_PAR_MINUTE", 10)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pacte.api.authentification.AuthentificationParJeton",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["pacte.api.filtres.FiltresPacte"],
    "DEFAULT_PAGINATION_CLASS": "pacte.api.pagination.PaginationPacte",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "30/minute", "user": "600/minute"},
    "EXCEPTION_HANDLER": "pacte.api.exceptions.gestionnaire_exceptions",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "API du Pacte territorial d'insertion",
    "DESCRIPTION": "Référentiel, catalogue des actions, indicateurs agrégés et prescriptions des partenaires.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "pacte.api.schema.ajouter_reponses_erreur",
    ],
    "ENUM_NAME_OVERRIDES": {"EtatPrescriptionEnum": "parcours.choices.EtatPrescription"},
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if env_bool("TASKS_DATABASE", False):
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Messages to the people (app courriers). E-mail through Django's e-mail API: SMTP when EMAIL_HOST is set, the
# console otherwise. SMS through courriers.sms: SMS_FOURNISSEUR "faux" (nothing leaves) or "brevo".
PACTE_URL_PUBLIQUE = os.environ.get("PACTE_URL_PUBLIQUE", "http://127.0.0.1:8000").rstrip("/")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Insertion <ne-pas-repondre@departement.invalid>")
SMS_FOURNISSEUR = os.environ.get("SMS_FOURNISSEUR", "faux")
SMS_CLE = os.environ.get("SMS_CLE", "")
SMS_EXPEDITEUR = os.environ.get("SMS_EXPEDITEUR", "Departement")[:11]
SMS_URL = os.environ.get("SMS_URL", "https://api.brevo.com")
# The shared secret of the status callbacks (HMAC-SHA256 of "timestamp.body"), for SMS and e-mail alike.
RAPPELS_SECRET = os.environ.get("RAPPELS_SECRET", "")
# The secret token in the webhook address given to a provider that does not sign (Brevo); empty: that address is off.
RAPPELS_JETON = os.environ.get("RAPPELS_JETON", "")

# Demo accounts have public passwords: only on a developer's machine (dev settings, DEBUG on).
PACTE_AUTORISER_COMPTES_DEMO = False

# Days after the sortie before a closed parcours is anonymised (to be confirmed by the DPO).
PACTE_DELAI_ANONYMISATION_JOURS = env_int("PACTE_DELAI_ANONYMISATION_JOURS", 730)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

# Outside production, whitenoise serves the files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
