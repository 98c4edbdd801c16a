"""Secrets handed to a user once (API tokens, calendar addresses): only their hash is kept."""

import hashlib


def secret_hash(raw: str) -> str:
    # The secrets are at least 192 random bits, so a fast unsalted hash is enough to make a
    # leaked table useless.
    return hashlib.sha256(raw.encode()).hexdigest()
