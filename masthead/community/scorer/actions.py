"""What can be done to the abuse scorer: retrain it on the site's decisions, activate a version.

`retrain_scorer` is what the daily task runs; `activate_scorer_version` is what a moderator's
rollback button calls. Both record every version they make, with its figures, and switch the
active version inside one transaction; the web and worker processes notice within
COMMENT_SCORER_RECHECK_SECONDS (see store).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from masthead.community.models import ScorerVersion
from masthead.community.scorer import corpus, learning, store
from masthead.community.scorer.categories import DEFAULT_HOLD_THRESHOLD
from masthead.community.scorer.model import LinearModel, ModelError

if TYPE_CHECKING:
    from masthead.accounts.models import User
    from masthead.community.scorer.training import Options

__all__ = [
    "RetrainOutcome",
    "ScorerError",
    "activate_scorer_version",
    "can_manage_scorer",
    "retrain_scorer",
]

logger = logging.getLogger(__name__)

# Files kept for candidates that were never active (the newest ones); older candidates keep
# their figures and lose their file. Versions that were ever active keep theirs for rollback.
KEEP_CANDIDATE_FILES = 5


class ScorerError(Exception):
    """The version cannot be activated; the message says why."""


def can_manage_scorer(user: User) -> bool:
    """Moderators (who may change comments) see the scorer's versions and may roll back."""
    return bool(user.is_authenticated and user.has_perm("community.change_comment"))


def activate_scorer_version(
    moderator: User | None, version: ScorerVersion, *, now: dt.datetime | None = None
) -> ScorerVersion:
    """Make `version` the one that scores comments: a rollback to an earlier version, or a
    candidate the retraining kept out. `moderator` None is the retraining task itself."""
    if moderator is not None and not can_manage_scorer(moderator):
        raise PermissionDenied("You do not have permission to change the abuse scorer.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = ScorerVersion.objects.select_for_update().get(pk=version.pk)
        if locked.active:
            return locked
        if locked.model_file is None:
            raise ScorerError(f"{locked.label} has no model file any more; it cannot be used.")
        try:
            LinearModel.from_bytes(bytes(locked.model_file))
        except ModelError as error:
            raise ScorerError(f"{locked.label} cannot be used: {error}") from error
        ScorerVersion.objects.filter(active=True).update(active=False)
        locked.active = True
        locked.activated_at = now
        locked.activated_by = moderator
        who = _name(moderator) if moderator is not None else "retraining"
        locked.notes = "\n".join(
            filter(None, [locked.notes, f"{now:%Y-%m-%d %H:%M}: activated by {who}."])
        )
        locked.save(update_fields=["active", "activated_at", "activated_by", "notes"])
        version_id = locked.pk
        transaction.on_commit(lambda: store.publish_active(version_id))
    version.refresh_from_db()
    return locked


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class RetrainOutcome:
    status: Literal["not_enough", "unchanged", "activated", "kept_out"]
    message: str
    version: ScorerVersion | None = None


def retrain_scorer(
    *,
    now: dt.datetime | None = None,
    corpus_examples: Sequence[corpus.Example] | None = None,
    options: Options | None = None,
    min_decisions: int | None = None,
    site_weight: float | None = None,
) -> RetrainOutcome:
    """Train a candidate on the corpus and the site's decisions; activate it if it is not worse.

    Does nothing until the site has COMMENT_SCORER_MIN_DECISIONS usable decisions, nor when
    none changed since the last version. Records the shipped model as a version first, so a
    moderator can always roll back to it. `corpus_examples` and `options` are for tests.
    """
    from masthead.community.scorer import training

    now = now or timezone.now()
    if min_decisions is None:
        min_decisions = settings.COMMENT_SCORER_MIN_DECISIONS
    weight = float(settings.COMMENT_SCORER_SITE_WEIGHT if site_weight is None else site_weight)
    everything = list(corpus.load() if corpus_examples is None else corpus_examples)
    corpus_train = [e for e in everything if not corpus.held_out(e.text)]
    corpus_test = [e for e in everything if corpus.held_out(e.text)]
    site = learning.site_examples(weight=weight, corpus_examples=everything)
    if site.total < min_decisions:
        return RetrainOutcome(
            "not_enough",
            f"{site.total} usable moderator decisions; retraining starts at {min_decisions}.",
        )
    threshold = _site_threshold()
    measured: dict[str, dict[str, Any]] = {}  # figures by file digest, measured once per run

    def figures_of(model: LinearModel, digest: str) -> dict[str, Any]:
        if digest not in measured:
            measured[digest] = {
                "threshold": threshold,
                "corpus": learning.measure(model, corpus_test, threshold=threshold),
                "site": learning.measure(model, site.held_out, threshold=threshold),
            }
        return measured[digest]

    counts = {
        "corpus_examples": len(corpus_train),
        "site_ok": site.ok,
        "site_hold": site.hold,
        "site_held_out": len(site.held_out),
    }
    _record_shipped(figures_of, now=now)
    # What would be learnt: the site's examples and the corpus (a Masthead upgrade may add lines).
    digest = hashlib.sha256(
        "\n".join([site.digest(), *sorted(corpus.split_key(e.text) for e in corpus_train)]).encode()
    ).hexdigest()
    latest = ScorerVersion.objects.filter(shipped=False).order_by("-number").first()
    if latest is not None and latest.figures.get("training_digest") == digest:
        return RetrainOutcome(
            "unchanged", f"No new moderator decisions since {latest.label}.", latest
        )

    candidate = training.fit(corpus_train + site.train, options or training.Options())
    data = candidate.to_bytes()
    candidate_digest = hashlib.sha256(data).hexdigest()
    candidate_figures = figures_of(candidate, candidate_digest)
    active, active_model, active_digest = _active()
    active_figures = figures_of(active_model, active_digest)
    label = active.label if active is not None else "the shipped model"
    comparison = learning.compare(candidate_figures, active_figures, active_label=label)
    with transaction.atomic():
        version = ScorerVersion.objects.create(
            number=_next_number(),
            created_at=now,
            model_file=data,
            digest=candidate_digest,
            figures={
                **candidate_figures,
                "training_digest": digest,
                "previous": {"label": label, **active_figures},
            },
            notes=("Better or as good: " if comparison.better_or_equal else "Kept out: ")
            + "; ".join(comparison.reasons)
            + ".",
            **counts,
        )
        if comparison.better_or_equal:
            activate_scorer_version(None, version, now=now)
        _drop_old_candidate_files()
    version.refresh_from_db()
    status: Literal["activated", "kept_out"] = (
        "activated" if comparison.better_or_equal else "kept_out"
    )
    logger.info("scorer retrained: %s %s (%s)", version.label, status, version.notes)
    return RetrainOutcome(status, f"{version.label}: {version.notes}", version)


def _site_threshold() -> float:
    """The default site's general hold threshold: the figures are measured where it holds."""
    from wagtail.models import Site

    from masthead.community.models import CommunitySettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return DEFAULT_HOLD_THRESHOLD
    return float(CommunitySettings.for_site(site).toxicity_threshold)


def _next_number() -> int:
    return (ScorerVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1


def _active() -> tuple[ScorerVersion | None, LinearModel, str]:
    """The version scoring comments now (None: the shipped file), its model and file digest."""
    active = ScorerVersion.objects.filter(active=True).first()
    if active is not None and active.model_file is not None:
        try:
            return active, LinearModel.from_bytes(bytes(active.model_file)), active.digest
        except ModelError:
            logger.error("the active scorer version %s is unusable", active.label)
    data = store.shipped_model_path().read_bytes()
    return None, LinearModel.from_bytes(data), hashlib.sha256(data).hexdigest()


def _record_shipped(figures_of: Any, *, now: dt.datetime) -> ScorerVersion | None:
    """Record the shipped model file as a version, once per file, so it can be rolled back to.

    It becomes active if nothing else is (the site was using it already), or if it is not worse
    than the active version: a Masthead upgrade may ship a better model.
    """
    try:
        data = store.shipped_model_path().read_bytes()
        model = LinearModel.from_bytes(data)
    except (OSError, ModelError) as error:
        logger.error("the shipped scorer model cannot be recorded: %s", error)
        return None
    digest = hashlib.sha256(data).hexdigest()
    if ScorerVersion.objects.filter(digest=digest).exists():
        return None
    figures = figures_of(model, digest)
    active, active_model, active_digest = _active()
    comparison = None
    if active is not None:
        comparison = learning.compare(
            figures, figures_of(active_model, active_digest), active_label=active.label
        )
    trained_on = model.meta.get("trained_on") or {}
    with transaction.atomic():
        version = ScorerVersion.objects.create(
            number=_next_number(),
            created_at=now,
            model_file=data,
            digest=digest,
            shipped=True,
            corpus_examples=int(trained_on.get("corpus", 0)),
            figures=figures,
            notes="The model shipped with Masthead, trained on the corpus alone."
            + (
                f" Against {active.label}: " + "; ".join(comparison.reasons) + "."
                if comparison is not None and active is not None
                else ""
            ),
        )
        if comparison is None or comparison.better_or_equal:
            activate_scorer_version(None, version, now=now)
    return version


def _drop_old_candidate_files() -> None:
    keep = ScorerVersion.objects.filter(activated_at__isnull=True).order_by("-number")[
        :KEEP_CANDIDATE_FILES
    ]
    ScorerVersion.objects.filter(activated_at__isnull=True, shipped=False).exclude(
        pk__in=list(keep.values_list("pk", flat=True))
    ).update(model_file=None)
