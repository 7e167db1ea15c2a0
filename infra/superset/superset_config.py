"""Superset settings for the local stack (tools/local-stack starts Superset with SUPERSET_CONFIG_PATH
pointing here). Everything machine-specific comes from the environment the stack sets:

  CLICKSTREAM_SUPERSET_HOME        folder for the metadata database (SQLite) and the secret key
  CLICKSTREAM_SUPERSET_SECRET_KEY  signs sessions and encrypts stored database passwords

A production deployment uses its own config (PostgreSQL metadata, Redis cache, a managed secret).
"""

import os

_home = os.environ["CLICKSTREAM_SUPERSET_HOME"]

SECRET_KEY = os.environ["CLICKSTREAM_SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = f"sqlite:///{os.path.join(_home, 'superset.db')}?check_same_thread=false"
DATA_DIR = _home

# Loopback-only developer stack: no HTTPS to enforce, and the default CSP blocks nothing we serve.
TALISMAN_ENABLED = False
# Rate-limit counters in memory (no Redis needed for the web server; silences the startup warning).
RATELIMIT_STORAGE_URI = "memory://"

# Dashboards refresh every 30 s; keep chart results for less than that so a refresh shows new rows.
CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 20}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 20}

# The dashboards only read (the ClickHouse user is read-only anyway), and SQL Lab results stay small.
SQLLAB_CTAS_NO_LIMIT = False
ROW_LIMIT = 50000

# No example data, no telemetry calls out of a closed network.
SUPERSET_LOAD_EXAMPLES = False
SCARF_ANALYTICS = False

# Talisman (and so a CSP) is off on purpose for this loopback stack, see above.
CONTENT_SECURITY_POLICY_WARNING = False
