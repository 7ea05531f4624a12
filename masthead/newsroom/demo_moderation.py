"""Work for the demo's moderators: comments that break the guidelines, readers' reports, a held
comment, a rejection under appeal and an illegal-content notice. Original writing, fictional
people. Everything goes through the same actions as on a live site, so the queues, statements
and notifications look as they would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Site

from masthead.community.actions import post_comment, report_comment, send_notice
from masthead.community.models import Comment, CommunitySettings, ReportReason
from masthead.moderation import actions
from masthead.moderation.models import Appeal
from masthead.news.models import ArticlePage

STORM = "overnight-storm-power-cuts-coast-road-closed"
BUDGET = "harwick-council-budget-row-library-closures"
CYCLE_LANE = "northgate-road-cycle-lane-consultation"

TROUBLEMAKER = {
    "username": "dez_varga",
    "display_name": "Dez Varga",
    "email": "dez.varga@example.org",
}
SPAMMER = {
    "username": "easy_earner",
    "display_name": "Easy Earner",
    "email": "easy.earner@example.org",
}
SUSPECT_WORDS = "moron\nidiot\nidiots\n# phrases that come with pile-ons\neveryone go and"

# (key, article, author, text, reported by [(reader, reason code, note)])
PROBLEMS: list[tuple[str, str, dict[str, str], str, list[tuple[str, str, str]]]] = [
    (
        "spam",
        STORM,
        SPAMMER,
        "Power cut got you stuck at home? I make £300 a day from my phone with no "
        "experience needed. Message me and I will show you how: quickpay-home.example",
        [
            ("marion_k", "spam", "An advert, nothing to do with the storm"),
            ("amir_h", "spam", ""),
            ("jo_pemberton", "spam", "Same message is on the harbour story"),
        ],
    ),
    (
        "jibe",
        BUDGET,
        TROUBLEMAKER,
        "Fran, you clearly haven't set foot in a library since the nineties, so maybe sit "
        "this one out and let the grown-ups talk about the budget.",
        [("fran_oduya", "abusive", "Personal, and not the first time from this account")],
    ),
    (
        "lanes",
        CYCLE_LANE,
        TROUBLEMAKER,
        "Cycle lanes, library closures, whatever. Nobody at the council can run a bath. "
        "Fire the lot of them and start again.",
        [("kieran_w", "off-topic", "")],
    ),
    (
        "moron",
        CYCLE_LANE,
        TROUBLEMAKER,
        "Only a moron would cycle down Northgate Road at rush hour.",
        [],
    ),
    (
        "rant",
        STORM,
        TROUBLEMAKER,
        "While we're all here: parking on Fore Street is a disgrace and nobody will write "
        "about it. Twelve pounds for two hours!",
        [],
    ),
]


def demo_reader(person: dict[str, str], *, joined: dt.datetime) -> Any:
    """A fictional reader who signs in by no password and whose address counts as confirmed."""
    User = get_user_model()
    reader, created = User.objects.get_or_create(
        username=person["username"],
        defaults={"email": person["email"], "display_name": person["display_name"]},
    )
    if created:
        reader.set_unusable_password()
        reader.date_joined = joined
        reader.save()
    EmailAddress.objects.get_or_create(
        user=reader, email=reader.email, defaults={"verified": True, "primary": True}
    )
    return reader


def build(now: dt.datetime) -> None:
    """Post the problem comments and take the demo moderators' first decisions; idempotent."""
    site = Site.objects.get(is_default_site=True)
    community = CommunitySettings.for_site(site)
    if not community.suspect_words:
        community.suspect_words = SUSPECT_WORDS
        community.save()
    people = {
        person["username"]: demo_reader(person, joined=now - dt.timedelta(days=21))
        for person in (TROUBLEMAKER, SPAMMER)
    }

    held_first = community.hold_first_comments
    CommunitySettings.objects.filter(pk=community.pk).update(hold_first_comments=0)
    try:
        posted = _post(people, now)
    finally:
        CommunitySettings.objects.filter(pk=community.pk).update(hold_first_comments=held_first)

    moderator = get_user_model().objects.get(username="moderator")
    rant = posted.get("rant")
    if rant is not None and rant.status == Comment.Status.PUBLISHED:
        actions.reject_comment(
            moderator,
            rant,
            reason="off_topic",
            explanation="Parking on Fore Street is not what this storm story is about.",
        )
        rant.refresh_from_db()
    rejection = rant.decisions.filter(action="reject").first() if rant else None
    if rejection is not None and not Appeal.objects.filter(statement__decision=rejection).exists():
        actions.appeal_decision(
            people["dez_varga"],
            rejection.statement,
            note="The storm closed the coast road, so everyone is parking in town. It is on topic.",
        )
    jibe = posted.get("jibe")
    if jibe is not None and not jibe.notices.exists():
        send_notice(
            comment=jibe,
            comment_url=f"/community/comments/{jibe.pk}/",
            law="Protection from Harassment Act 1997",
            explanation="This account follows me from story to story with personal remarks.",
            name="Fran Oduya",
            email="fran.oduya@example.org",
        )


def _post(people: dict[str, Any], now: dt.datetime) -> dict[str, Comment]:
    User = get_user_model()
    posted: dict[str, Comment] = {}
    for minutes, (key, slug, who, text, reports) in enumerate(PROBLEMS):
        page = ArticlePage.objects.filter(slug=slug).first()
        if page is None:
            continue
        author = people[who["username"]]
        comment = Comment.objects.filter(thread__page=page, author=author, body=text).first()
        if comment is None:
            result = post_comment(
                author,
                page,
                body=text,
                confirmed=True,
                now=now - dt.timedelta(minutes=90 - 10 * minutes),
            )
            comment = result.comment
            if comment is None:
                continue
            for username, code, note in reports:
                reporter = User.objects.filter(username=username).first()
                if reporter is not None:
                    report_comment(
                        reporter, comment, reason=ReportReason.objects.get(code=code), note=note
                    )
        posted[key] = comment
    return posted
