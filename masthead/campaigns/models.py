"""Appeal campaigns: what the publisher asks readers for, where, and to whom.

A campaign is a Wagtail snippet with drafts, revisions, preview, locking and a schedule
(go_live_at / expire_at, applied every minute by the newsroom's publish_scheduled task). Its
variants are the copy readers see; which variant a browser gets, and whether it shows at all, is
decided in the browser (campaigns.js) from the JSON description in `description.py`, so the article
page stays the same for every anonymous reader.
"""

from __future__ import annotations

import re
import string
from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
)

ARTICLE_TOP = "article_top"
ARTICLE_END = "article_end"
PLACEMENTS = {ARTICLE_TOP: "Banner at the top of the article", ARTICLE_END: "End of the article"}

# Filled in the browser: {articles_read} from the reader's own count (unknown when the browser
# keeps no storage); the goal ones from the campaign's goal (unknown when it has none).
PLACEHOLDERS = {
    "articles_read": "articles this reader read in the campaign's window (counted in the browser)",
    "goal_progress": 'money raised towards the goal, e.g. "€1,200 of €5,000"',
    "goal_percent": 'share of the goal raised, e.g. "24%"',
    "goal_amount": 'the goal, e.g. "€5,000"',
    "raised": 'money raised so far, e.g. "€1,200"',
}
VARIANT_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
MAX_AMOUNTS = 6


def placeholders_in(text: str) -> set[str]:
    """The {names} used in a piece of copy. Raises ValueError on a stray brace."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def parse_amounts(text: str) -> list[int]:
    """ "5, 10, 25.50" -> [500, 1000, 2550] in minor units. Raises ValueError on bad input."""
    amounts: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if not re.fullmatch(r"\d{1,6}(\.\d{1,2})?", part):
            raise ValueError(part)
        whole, _, cents = part.partition(".")
        value = int(whole) * 100 + int((cents + "00")[:2])
        if value <= 0:
            raise ValueError(part)
        amounts.append(value)
    return amounts


@register_setting(icon="openquote")
class AppealSettings(BaseSiteSetting):
    """The plain appeal every signed-out reader without JavaScript sees at the top of an article,
    and that the script replaces with the winning campaign (or hides)."""

    heading = models.CharField(max_length=120, default="Support independent journalism")
    body = models.TextField(
        default=(
            "Advertising no longer covers the cost of our reporting. If you value it, please "
            "contribute what you can: every reader's support keeps it free for everyone."
        )
    )
    button_text = models.CharField(max_length=40, default="Contribute")
    show_default_appeal = models.BooleanField(
        default=True, help_text="Show this appeal to signed-out readers without JavaScript."
    )

    class Meta:
        verbose_name = "appeal settings"


class CampaignTag(TaggedItemBase):
    content_object = ParentalKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Campaign(  # type: ignore[django-manager-missing]
    DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, ClusterableModel
):
    name = models.CharField(
        max_length=120, help_text="For the newsroom only; readers never see it."
    )
    show_as_banner = models.BooleanField(
        default=True, help_text="A banner at the top of the article page."
    )
    show_at_end = models.BooleanField(default=False, help_text="An appeal after the article.")
    priority = models.IntegerField(
        default=0, help_text="Higher goes first: the first campaign that matches a reader wins."
    )
    sections = ParentalManyToManyField(
        "news.SectionPage",
        blank=True,
        related_name="+",
        help_text="Only on articles in these sections (none: every section).",
    )
    tags = ClusterTaggableManager(
        through=CampaignTag,
        blank=True,
        help_text="Only on articles with one of these tags (none: any article).",
    )
    min_articles_read = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(1000)],
        help_text="Only for readers who read at least this many articles (this one included).",
    )
    articles_read_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="The window, in days, in which articles read are counted.",
    )
    max_views = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Frequency cap: show at most this many times to one browser…",
    )
    cap_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="…in this many days. A view counts only once the appeal is on screen.",
    )
    dismiss_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text='After "Maybe later", hide this placement for this many days.',
    )
    goal_amount = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Optional goal, in whole units of the currency; shows a ticker.",
    )
    goal_currency = models.CharField(
        max_length=3, default="EUR", validators=[RegexValidator(r"^[A-Z]{3}$")]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="campaign")

    class Meta:
        ordering = ["-priority", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self) -> Any:
        return self._revisions

    @property
    def placements(self) -> list[str]:
        return [
            slot
            for slot, shown in ((ARTICLE_TOP, self.show_as_banner), (ARTICLE_END, self.show_at_end))
            if shown
        ]

    def clean(self) -> None:
        super().clean()
        if not (self.show_as_banner or self.show_at_end):
            raise ValidationError("Choose at least one placement: the banner or the end.")

    # Preview: every variant in both placements, with sample numbers in the placeholders.

    def get_preview_template(self, request: Any, mode_name: str) -> str:
        return "campaigns/preview.html"

    def get_preview_context(self, request: Any, mode_name: str) -> dict[str, Any]:
        from masthead.campaigns.description import preview_variants

        context = super().get_preview_context(request, mode_name)
        context["variants"] = preview_variants(self)
        return context


class Variant(Orderable):
    """One version of the copy. Readers of a campaign are split evenly between its variants."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="variants")
    key = models.CharField(
        max_length=50,
        validators=[RegexValidator(VARIANT_KEY, "Lower-case letters, digits, - and _.")],
        help_text='A short name that stays the same across edits, e.g. "control" or "b".',
    )
    is_control = models.BooleanField(
        default=False, help_text="The baseline the other variants are measured against."
    )
    heading = models.CharField(max_length=150)
    body = models.TextField(
        help_text="Plain text; blank lines separate paragraphs. Placeholders: "
        + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    )
    button_text = models.CharField(max_length=40, default="Support us")
    amounts = models.CharField(
        max_length=100,
        blank=True,
        help_text='Amounts offered on the button row, e.g. "5, 10, 25" (none: one button).',
    )

    def __str__(self) -> str:
        return self.key

    @property
    def amount_list(self) -> list[int]:
        try:
            return parse_amounts(self.amounts)
        except ValueError:
            return []

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        for field in ("heading", "body", "button_text"):
            try:
                unknown = placeholders_in(getattr(self, field)) - set(PLACEHOLDERS)
            except ValueError:
                errors[field] = "A { or } without its pair: write placeholders as {name}."
                continue
            if unknown:
                names = ", ".join("{" + name + "}" for name in sorted(unknown))
                errors[field] = f"Unknown placeholder {names}."
        try:
            if len(parse_amounts(self.amounts)) > MAX_AMOUNTS:
                errors["amounts"] = f"At most {MAX_AMOUNTS} amounts."
        except ValueError as bad:
            errors["amounts"] = f'"{bad}" is not an amount: write numbers like 5 or 12.50.'
        if errors:
            raise ValidationError(errors)


class DailyTally(models.Model):
    """What readers did with one variant on one day: one row per (campaign, variant, day), its
    counters bumped with a single UPDATE, so a busy appeal never writes a row per view."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tallies")
    variant = models.CharField(max_length=50)
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    dismissals = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "variant", "day"], name="campaigns_one_tally_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.variant} on {self.day}"
