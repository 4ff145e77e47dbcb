"""Settings of the apps (projets, ateliers, alertes): public forms, retention, the SMS module.

Read by ``base.py``; each one can be set from the environment where it says so.
"""

import os

# --- Projets (app `projets`) ----------------------------------------------------------------------
# The public replication form (« Nous voulons essaimer ce prototype »): seconds a human needs at least
# to fill it (faster submissions are robots), how long a displayed form stays valid, and how many
# requests one IP address may send per hour.
PROJETS_REPLICATION_MIN_FILL_SECONDS = 3
PROJETS_REPLICATION_MAX_FILL_SECONDS = 24 * 3600
PROJETS_REPLICATION_RATE_PER_HOUR = 5

# --- Ateliers: the public agenda's sign-up (docs/ateliers.md, « Événements publics ») ----------------
# The sign-up form's anti-spam (as the replication form's) and how long the data of people who signed
# up online is kept after the event's last day (`manage.py ateliers_purge_signups` erases it).
ATELIERS_SIGNUP_MIN_FILL_SECONDS = 3
ATELIERS_SIGNUP_MAX_FILL_SECONDS = 24 * 3600
ATELIERS_SIGNUP_RATE_PER_HOUR = int(os.environ.get("ATELIERS_SIGNUP_RATE_PER_HOUR", "10"))
ATELIERS_SIGNUP_RETENTION_MONTHS = int(os.environ.get("ATELIERS_SIGNUP_RETENTION_MONTHS", "12"))

# --- Alertes SMS (app `alertes`, docs/alertes.md) ----------------------------------------------
# Sending backend, like EMAIL_BACKEND: the console one prints the SMS (nothing leaves the machine);
# production sets alertes.backends.http.HttpBackend with the provider's URL and key.
ALERTES_SMS_BACKEND = os.environ.get("ALERTES_SMS_BACKEND", "alertes.backends.console.ConsoleBackend")
ALERTES_HTTP_URL = os.environ.get("ALERTES_HTTP_URL", "http://127.0.0.1:9/sms")
ALERTES_HTTP_API_KEY = os.environ.get("ALERTES_HTTP_API_KEY", "")
ALERTES_HTTP_TIMEOUT = float(os.environ.get("ALERTES_HTTP_TIMEOUT", "10"))
# Shared secret of the provider's webhook (delivery receipts, STOP replies): HMAC-SHA256 of
# « timestamp.body ».
ALERTES_WEBHOOK_SECRET = os.environ.get("ALERTES_WEBHOOK_SECRET", "dev-only-alertes-webhook-secret")
# A webhook call signed more than this many seconds before (or after) now is refused: a captured
# call cannot be replayed later (docs/alertes.md, « Webhook »).
ALERTES_WEBHOOK_TOLERANCE = int(os.environ.get("ALERTES_WEBHOOK_TOLERANCE", "300"))
ALERTES_IMPORT_MAX_BYTES = int(os.environ.get("ALERTES_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# Retries of transient failures (the task queue has none of its own): attempts and first backoff.
ALERTES_MAX_ATTEMPTS = int(os.environ.get("ALERTES_MAX_ATTEMPTS", "5"))
ALERTES_RETRY_BASE_SECONDS = int(os.environ.get("ALERTES_RETRY_BASE_SECONDS", "30"))
# A message left « en cours d'envoi » longer than this (its worker died) is sent again by the sweep.
ALERTES_STALE_MINUTES = int(os.environ.get("ALERTES_STALE_MINUTES", "10"))
ALERTES_BATCH_SIZE = int(os.environ.get("ALERTES_BATCH_SIZE", "100"))
# RGPD: a member with no message, no reminder and no change of their fiche for this many months is
# flagged « inactif » in the list; `manage.py alertes_inactive --erase` erases them.
ALERTES_RETENTION_MONTHS = int(os.environ.get("ALERTES_RETENTION_MONTHS", "24"))
# The public address of the module's source code, linked from the Alertes SMS prototype fiche
# (« Le logiciel »). Unset (the README names no public repository): the fiche shows no code link.
ALERTES_SOURCE_URL = os.environ.get("ALERTES_SOURCE_URL", "")
