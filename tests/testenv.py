"""Loaded first (``-p tests.testenv``): the environment the test suite runs in.

Tests run with DEBUG off, as in production; only what a test machine cannot have is set.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ["SECURE_SSL_REDIRECT"] = "0"  # the test client speaks plain http
os.environ.setdefault("EMAIL_URL", "locmem://")
# Static files are collected once per run, as in production (manifest storage, WhiteNoise).
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="verbindt-static-"))
