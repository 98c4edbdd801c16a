"""gunicorn settings: ``gunicorn -c python:verbindt.config.gunicorn verbindt.config.wsgi``."""

import gc
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
accesslog = "-"


def post_worker_init(worker: object) -> None:
    # What Django loaded lives as long as the worker: keep it out of the collector's full
    # passes, which otherwise pause every dozen or so requests (bench/README.md).
    gc.freeze()
