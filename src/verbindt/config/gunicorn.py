"""gunicorn settings: ``gunicorn -c python:verbindt.config.gunicorn verbindt.config.wsgi``."""

import gc
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
accesslog = "-"


def post_worker_init(worker: object) -> None:
    # What Django loads lives as long as the worker: load it all now (the URLconf imports every
    # view and form), then keep it out of the collector's full passes, which otherwise pause
    # every dozen or so requests (bench/README.md).
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the views)
    gc.collect()
    gc.freeze()
