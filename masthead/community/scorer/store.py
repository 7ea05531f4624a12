"""Which model scores comments now, and where its file comes from. No scikit-learn here.

The model shipped in the repository (SHIPPED_MODEL, built by `manage.py train_scorer`) scores
comments until a retrained version is activated; then the active ScorerVersion, whose file is
kept in the database, does. Every web and worker process finds out which one is active through
the shared cache (ACTIVE_KEY), and asks at most every COMMENT_SCORER_RECHECK_SECONDS, so an
activation or a rollback reaches all processes within that time without a restart.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from masthead.community.scorer.model import LinearModel, ModelError

__all__ = [
    "ACTIVE_KEY",
    "SHIPPED",
    "SHIPPED_MODEL",
    "LoadedModel",
    "active_version_id",
    "load_model",
    "publish_active",
    "shipped_model_path",
]

logger = logging.getLogger(__name__)

SHIPPED_MODEL = Path(__file__).resolve().parent / "shipped_model.npz"
ACTIVE_KEY = "community:scorer:active-version"
SHIPPED = 0  # the "version id" of the shipped file: no ScorerVersion is active
# How long the shared cache keeps the answer; activation rewrites it at once.
_ACTIVE_TIMEOUT = 3600


@dataclass(frozen=True)
class LoadedModel:
    model: LinearModel
    version_id: int  # SHIPPED, or the ScorerVersion's primary key
    label: str  # what the decision log names, e.g. "v3" or "shipped 03fec2dc"


def shipped_model_path() -> Path:
    configured = getattr(settings, "COMMENT_SCORER_MODEL", "") or ""
    return Path(configured) if configured else SHIPPED_MODEL


def active_version_id() -> int:
    """The active ScorerVersion's id, or SHIPPED; from the shared cache when it knows."""
    cached = cache.get(ACTIVE_KEY)
    if isinstance(cached, int):
        return cached
    from masthead.community.models import ScorerVersion

    found = ScorerVersion.objects.filter(active=True).values_list("pk", flat=True).first()
    version_id = found or SHIPPED
    cache.set(ACTIVE_KEY, version_id, _ACTIVE_TIMEOUT)
    return version_id


def publish_active(version_id: int) -> None:
    """Tell every process which version is active now (call after the commit)."""
    cache.set(ACTIVE_KEY, version_id, _ACTIVE_TIMEOUT)


def load_shipped() -> LoadedModel:
    """The model file shipped with Masthead; ModelError if it is missing or unreadable."""
    path = shipped_model_path()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelError(
            f"the scorer model file {path} cannot be read ({error.strerror})"
        ) from error
    model = LinearModel.from_bytes(data)
    return LoadedModel(model, SHIPPED, f"shipped {hashlib.sha256(data).hexdigest()[:8]}")


def load_model(version_id: int) -> LoadedModel:
    """The model of a version (or the shipped one); ModelError if neither can be read.

    A version whose file cannot be read (made for an older Masthead, or damaged) gives way to
    the shipped model, with an error in the log: comments stay screened by a model that works.
    """
    if version_id == SHIPPED:
        return load_shipped()
    from masthead.community.models import ScorerVersion

    version = ScorerVersion.objects.filter(pk=version_id).only("number", "model_file").first()
    try:
        if version is None or version.model_file is None:
            raise ModelError(f"scorer version {version_id} has no model file")
        model = LinearModel.from_bytes(bytes(version.model_file))
    except ModelError as error:
        logger.error("active scorer version unusable, using the shipped model: %s", error)
        return load_shipped()
    return LoadedModel(model, version_id, f"v{version.number}")
