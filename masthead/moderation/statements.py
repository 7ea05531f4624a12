"""The words of statements of reasons (EU DSA Art. 17) and of appeal outcomes.

A statement says what was restricted, the facts and circumstances, the ground relied on (a
community guideline or a law), whether automated means took the decision, and how to seek
redress. It is written once, when the decision is taken, and kept as written: a later edit of the
settings never changes what a reader was told.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

if TYPE_CHECKING:
    from masthead.moderation.models import Appeal, Decision, Statement

# What each automatic rule is, in words a reader understands.
RULES = {
    "banned_words": "our filter for language we do not allow on this site",
    "suspect_words": "our filter for words that often come with abuse",
    "toxicity": "our automatic abuse scorer, which runs on our own servers",
    "reports": "reports from several readers",
}

GUIDELINES = {
    "abusive": "Our community guidelines do not allow abuse or insults aimed at anyone.",
    "harassment": "Our community guidelines do not allow harassing, following or exposing "
    "other people.",
    "hate": "Our community guidelines do not allow attacks on people for their nationality, "
    "ethnicity, religion, gender, sexuality, disability or similar.",
    "spam": "Our community guidelines do not allow advertising, scams or repeated posting.",
    "off_topic": "Our community guidelines ask that comments stay on the story's subject.",
    "misinformation": "Our community guidelines do not allow false claims presented as fact "
    "that could cause harm.",
    "illegal": "The content is illegal under the law named below.",
    "other": "Our community guidelines.",
    "banned_words": "Our community guidelines do not allow the language this comment used.",
}


REASON_LABELS = {
    "abusive": "Abusive",
    "harassment": "Harassment",
    "hate": "Hate speech",
    "spam": "Spam",
    "off_topic": "Off topic",
    "misinformation": "Misinformation",
    "illegal": "Illegal content",
    "banned_words": "Language we do not allow",
}


@dataclass(frozen=True)
class Content:
    title: str
    restriction: str
    facts: str
    grounds: str


def statement_path(statement: Statement) -> str:
    return reverse("moderation:statement", args=[statement.pk])


def _when(moment: object) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")  # type: ignore[arg-type]


def compose(decision: Decision) -> Content:
    """The statement for a restricting decision, from the decision and what it concerns."""
    detail = decision.detail or {}
    reason = decision.reason
    explanation = str(detail.get("explanation", "")).strip()
    by = (
        f"This decision was taken automatically, by {RULES.get(decision.rule, 'an automatic rule')}"
        ", without a person reviewing it first."
        if decision.automated
        else "This decision was taken by one of our moderators."
    )
    if decision.action == "reject" and decision.comment is not None:
        comment = decision.comment
        article = comment.thread.page
        title = "Your comment was removed"
        restriction = (
            f'Your comment of {_when(comment.created_at)} on "{article.title}" was removed '
            "from public view. Your account is not affected."
        )
        facts = [f'You wrote: "{_excerpt(comment.body)}"']
        matched = detail.get("matched")
        if matched:
            facts.append(f'It contains "{matched}", which is on our list.')
        if detail.get("with_ban"):
            facts.append(
                "It was removed together with your other comments when your account was banned."
            )
        facts.append(by)
    else:
        title, restriction = _account_restriction(decision)
        facts = [by]
    if explanation:
        facts.append(f"The moderator's explanation: {explanation}")
    grounds = GUIDELINES.get(reason) or GUIDELINES["other"]
    label = REASON_LABELS.get(reason)
    if label:
        grounds = f"{label}. {grounds}"
    legal = str(detail.get("legal_grounds", "")).strip()
    if legal:
        grounds = f"{grounds} The law relied on: {legal}."
    return Content(title=title, restriction=restriction, facts="\n\n".join(facts), grounds=grounds)


def _account_restriction(decision: Decision) -> tuple[str, str]:
    action = decision.action
    if action == "suspend":
        from datetime import datetime

        until = datetime.fromisoformat(str(decision.detail["until"]))
        return (
            "Your account is suspended from commenting",
            f"You cannot comment, reply or edit comments until {_when(until)}. You can still "
            "read, and sign in to your account.",
        )
    if action == "ban":
        extra = (
            " Your published comments were removed from public view."
            if decision.detail.get("reject_comments")
            else ""
        )
        return (
            "Your account can no longer comment",
            "You can no longer comment, reply or edit comments on this site. You can still "
            f"read, and sign in to your account to download or delete your data.{extra}",
        )
    return (
        "Your comments will be reviewed before they appear",
        "Until further notice, each comment you write waits for a moderator to approve it "
        "before other readers see it.",
    )


def _excerpt(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def appeal_outcome_text(appeal: Appeal) -> str:
    if appeal.status == "granted":
        first = "We looked again and reversed the decision."
        if appeal.statement.comment_id:
            first += " Your comment is visible again."
        else:
            first += " The restriction on your account is lifted."
    else:
        first = "We looked again, and the decision stands."
    text = first
    if appeal.explanation:
        text += f"\n\nThe reviewing moderator's explanation: {appeal.explanation}"
    return text
