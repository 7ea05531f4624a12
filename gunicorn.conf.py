"""gunicorn settings for Masthead: `gunicorn masthead.wsgi -c gunicorn.conf.py`.

Everything here can be overridden on the command line (--workers, --bind, ...).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# Slow clients and uploads are the front proxy's job; a worker never waits on one for long.
timeout = 30
graceful_timeout = 30
max_requests = 5000  # recycle workers now and then, so a slow leak never becomes an outage
max_requests_jitter = 500


def post_worker_init(worker: object) -> None:
    """Load the toxicity model before the first comment arrives, not while a reader waits."""
    from masthead.community import scoring

    try:
        scorer = scoring.get_scorer()
        if (load := getattr(scorer, "load", None)) is not None:
            load()
    except Exception:
        import logging

        logging.getLogger(__name__).warning("could not preload the comment scorer", exc_info=True)
