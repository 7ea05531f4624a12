"""Screening a comment before it is published, in a fixed order, each outcome with its reason.

The order is the publisher's promise to readers and moderators alike: banned words, suspect words,
links, readers a moderator put on pre-moderation, new commenters, the local toxicity
score, repeats, rate limits. The first content rule that
objects decides; a comment nobody objects to is published. Rate limits come last and apply to
whatever would be stored, held comments included, so nobody can flood the moderation queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from masthead.community import scoring
from masthead.community.markup import count_links
from masthead.lib.ratelimit import Interval, Quota
from masthead.moderation.wordlists import WordList

if TYPE_CHECKING:
    from masthead.accounts.models import User
    from masthead.community.models import CommunitySettings, Thread

Action = Literal["publish", "hold", "reject", "confirm", "limit"]
NEW_READER_AGE = dt.timedelta(days=1)


@dataclass
class Verdict:
    action: Action
    rule: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    retry_after: int = 0


@dataclass
class Submission:
    """Everything the rules look at. `confirmed`: the writer saw the toxicity warning and chose
    to post anyway."""

    text: str
    author: User
    thread: Thread
    ip: str | None
    settings: CommunitySettings
    now: dt.datetime
    confirmed: bool = False
    score: scoring.Score | None = None


Rule = Callable[[Submission], Verdict | None]


def banned_words(sub: Submission) -> Verdict | None:
    match = WordList.from_text(sub.settings.banned_words).find(sub.text)
    return Verdict("reject", "banned_words", {"matched": match}) if match else None


def suspect_words(sub: Submission) -> Verdict | None:
    match = WordList.from_text(sub.settings.suspect_words).find(sub.text)
    return Verdict("hold", "suspect_words", {"matched": match}) if match else None


def too_many_links(sub: Submission) -> Verdict | None:
    links = count_links(sub.text)
    if links > sub.settings.max_links:
        return Verdict("hold", "links", {"links": links, "allowed": sub.settings.max_links})
    return None


def premoderated(sub: Submission) -> Verdict | None:
    from masthead.moderation.actions import standing_of

    standing = standing_of(sub.author)
    if standing is not None and standing.premoderated:
        return Verdict("hold", "premoderated", {})
    return None


def new_commenter(sub: Submission) -> Verdict | None:
    from masthead.community.models import Comment

    wanted = sub.settings.hold_first_comments
    if wanted == 0:
        return None
    earlier = Comment.objects.filter(
        author=sub.author, status=Comment.Status.PUBLISHED
    ).count()  # bounded: the reader's own published comments, by an indexed column
    if earlier < wanted:
        return Verdict("hold", "new_commenter", {"published_before": earlier, "held_until": wanted})
    return None


def toxicity(sub: Submission) -> Verdict | None:
    """Hold (after warning the writer once) what the scorer rates above its category's
    threshold; reject outright the categories the publisher chose, above the higher one."""
    try:
        sub.score = scoring.score_comment(sub.text)
    except scoring.ScorerUnavailable as exc:
        # Never published unscreened, never lost: a person looks at it.
        return Verdict("hold", "scorer_unavailable", {"error": str(exc)})
    probability, category = sub.score.probability, sub.score.category
    rejected = sub.settings.rejects(category, probability)
    threshold = sub.settings.reject_threshold if rejected else sub.settings.hold_threshold(category)
    detail = {
        "score": round(probability, 4),
        "category": category,
        "scorer": sub.score.scorer,
        "threshold": threshold,
    }
    if rejected:
        return Verdict("reject", "toxicity", detail)
    if probability <= threshold:
        return None
    if not sub.confirmed:
        return Verdict("confirm", "toxicity", detail)
    return Verdict("hold", "toxicity", detail)


def repeat(sub: Submission) -> Verdict | None:
    from masthead.community.models import Comment

    since = sub.now - dt.timedelta(minutes=sub.settings.repeat_window_minutes)
    again = Comment.objects.filter(author=sub.author, created_at__gte=since, body=sub.text)
    if sub.settings.repeat_window_minutes and again.exists():
        return Verdict("hold", "repeat", {"window_minutes": sub.settings.repeat_window_minutes})
    return None


def limits_for(sub: Submission) -> list[tuple[Interval | Quota, str]]:
    new = sub.author.date_joined > sub.now - NEW_READER_AGE
    seconds = (
        sub.settings.seconds_between_comments_new_reader
        if new
        else sub.settings.seconds_between_comments
    )
    limits: list[tuple[Interval | Quota, str]] = [
        (Interval("comment-reader", seconds), str(sub.author.pk))
    ]
    if sub.ip:
        limits.append((Quota("comment-ip", sub.settings.comments_per_hour_per_ip, 3600), sub.ip))
    return limits


def rate_limits(sub: Submission) -> Verdict | None:
    now = sub.now.timestamp()
    wait = max((limit.retry_after(who, now) for limit, who in limits_for(sub)), default=0)
    if wait:
        return Verdict("limit", "rate_limit", {"retry_after": wait}, retry_after=wait)
    return None


def record_rate_limits(sub: Submission) -> None:
    now = sub.now.timestamp()
    for limit, who in limits_for(sub):
        limit.record(who, now)


CONTENT_RULES: tuple[Rule, ...] = (
    banned_words,
    suspect_words,
    too_many_links,
    premoderated,
    new_commenter,
    toxicity,
    repeat,
)


def screen_content(sub: Submission) -> Verdict:
    """Run the content rules in order; the first objection decides."""
    verdict = next((v for rule in CONTENT_RULES if (v := rule(sub)) is not None), None)
    if verdict is None:
        detail = {"score": round(sub.score.probability, 4)} if sub.score else {}
        verdict = Verdict("publish", "", detail)
    return verdict


def screen(sub: Submission) -> Verdict:
    """The content rules, then the rate limits for anything that would be stored."""
    verdict = screen_content(sub)
    if verdict.action == "confirm":  # nothing is stored until the writer decides
        return verdict
    return rate_limits(sub) or verdict
