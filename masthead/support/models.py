"""Readers' money and what it buys them: contributions, supporter status, Stripe's events."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Frequency(models.TextChoices):
    ONE_OFF = "one_off", "One-off"
    MONTHLY = "monthly", "Monthly"
    ANNUAL = "annual", "Annual"


def parse_amounts(text: str) -> list[int]:
    """'5, 10, 25' -> [500, 1000, 2500]: whole currency units typed by a publisher, in cents."""
    amounts = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) <= 0:
            raise ValueError(f"{part!r} is not a whole amount above zero.")
        amounts.append(int(part) * 100)
    return amounts


@register_setting(icon="pick")
class SupportSettings(BaseSiteSetting):
    """What the contribute page offers and says, set by the publisher."""

    currency = models.CharField(
        max_length=3, default="EUR", help_text="Three-letter ISO code, such as EUR, GBP or USD."
    )
    one_off_amounts = models.CharField(
        max_length=100,
        default="5, 10, 25, 50",
        help_text="Preset one-off amounts in whole currency units, separated by commas.",
    )
    monthly_amounts = models.CharField(max_length=100, default="3, 5, 10, 20")
    annual_amounts = models.CharField(max_length=100, default="30, 60, 120, 240")
    minimum_amount = models.PositiveIntegerField(
        default=1, help_text="The smallest amount a reader may give, in whole currency units."
    )
    maximum_amount = models.PositiveIntegerField(
        default=5000, help_text="The largest amount a reader may give, in whole currency units."
    )
    heading = models.CharField(max_length=150, default="Support independent journalism")
    pays_for = models.TextField(
        default="Advertising no longer covers the cost of our reporting. Your contribution pays "
        "for reporters in the field, fact-checking and keeping every story free to read.",
        help_text="What the money pays for, shown on the contribute page.",
    )
    thank_you_heading = models.CharField(max_length=150, default="Thank you for your support")
    thank_you_text = models.TextField(
        default="Your contribution keeps our journalism independent and open to everyone."
    )
    one_off_supporter_days = models.PositiveIntegerField(
        default=90,
        help_text="For how many days after a one-off contribution a reader counts as a "
        "supporter (and sees no appeals).",
    )
    receipt_text = models.TextField(
        default="Thank you for your contribution. Please keep this e-mail as your receipt.",
        help_text="The wording of the receipt e-mailed after each payment.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("currency"),
                FieldPanel("one_off_amounts"),
                FieldPanel("monthly_amounts"),
                FieldPanel("annual_amounts"),
                FieldPanel("minimum_amount"),
                FieldPanel("maximum_amount"),
            ],
            heading="Amounts",
        ),
        MultiFieldPanel([FieldPanel("heading"), FieldPanel("pays_for")], heading="Contribute page"),
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_text")], heading="Thanks"
        ),
        FieldPanel("one_off_supporter_days"),
        FieldPanel("receipt_text"),
    ]

    class Meta:
        verbose_name = "reader support"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.currency = self.currency.strip().upper()
        if len(self.currency) != 3 or not self.currency.isalpha():
            errors["currency"] = "Use a three-letter currency code, such as EUR."
        for name in ("one_off_amounts", "monthly_amounts", "annual_amounts"):
            try:
                parse_amounts(getattr(self, name))
            except ValueError as exc:
                errors[name] = str(exc)
        if self.minimum_amount < 1:
            errors["minimum_amount"] = "The minimum must be at least 1."
        if self.maximum_amount < self.minimum_amount:
            errors["maximum_amount"] = "The maximum must not be below the minimum."
        if errors:
            raise ValidationError(errors)

    @property
    def minimum_cents(self) -> int:
        return self.minimum_amount * 100

    @property
    def maximum_cents(self) -> int:
        return self.maximum_amount * 100

    def presets(self, frequency: str) -> list[int]:
        """The preset amounts (cents) for a frequency; a broken list in the admin offers none."""
        text = {
            Frequency.ONE_OFF: self.one_off_amounts,
            Frequency.MONTHLY: self.monthly_amounts,
            Frequency.ANNUAL: self.annual_amounts,
        }.get(frequency, "")  # type: ignore[call-overload]
        try:
            amounts = parse_amounts(text)
        except ValueError:
            return []
        return [a for a in amounts if self.minimum_cents <= a <= self.maximum_cents]


class Contribution(models.Model):
    """One payment, or the first payment of a subscription (then each renewal is its own row,
    pointing at it with `renewal_of`). Created pending before the reader goes to Checkout."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        FAILED = "failed", "Failed"
        CANCELED = "canceled", "Canceled"
        REFUNDED = "refunded", "Refunded"

    class SubscriptionStatus(models.TextChoices):
        NONE = "", "Not a subscription"
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Payment failing"
        CANCELED = "canceled", "Canceled"

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    email = models.EmailField()
    amount = models.PositiveIntegerField(help_text="In minor units (cents).")
    currency = models.CharField(max_length=3)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Where the reader came from, carried through checkout for the campaigns' results.
    campaign_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    variant = models.CharField(max_length=50, blank=True)
    article = models.ForeignKey(
        "news.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    test_mode = models.BooleanField(
        default=False, help_text="Completed in test mode: no money moved."
    )
    renewal_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="renewals"
    )
    stripe_session_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    stripe_invoice_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    # Kept on the first contribution of a subscription only; `as_of` is the Stripe time of the
    # event that set it, so an older event arriving late cannot undo a newer one.
    subscription_status = models.CharField(
        max_length=10, choices=SubscriptionStatus.choices, blank=True, default=""
    )
    subscription_status_as_of = models.DateTimeField(null=True, blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["campaign_id", "variant", "status"], name="contribution_result_idx"
            ),
            models.Index(fields=["email", "status"], name="contribution_email_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="contribution_amount_gt_0"
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_amount} {self.get_frequency_display().lower()} ({self.status})"

    @property
    def display_amount(self) -> str:
        return format_amount(self.amount, self.currency)

    @property
    def is_recurring(self) -> bool:
        return self.frequency != Frequency.ONE_OFF


def format_amount(cents: int, currency: str) -> str:
    whole, part = divmod(cents, 100)
    return f"{currency.upper()} {whole:,}" + (f".{part:02d}" if part else "")


class Supporter(models.Model):
    """A signed-in reader's supporter status, kept up to date by every change to their
    contributions so that `is_supporter` is one cheap lookup."""

    class Status(models.TextChoices):
        NONE = "", "Never recurring"
        ACTIVE = "active", "Active recurring supporter"
        LAPSED = "lapsed", "Lapsed"

    reader = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supporter"
    )
    status = models.CharField(max_length=10, choices=Status.choices, blank=True, default="")
    one_off_until = models.DateTimeField(null=True, blank=True)
    declared_at = models.DateTimeField(
        null=True, blank=True, help_text='When the reader said "I already support".'
    )
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Supporter status of reader {self.reader_id}"

    def is_current(self) -> bool:
        return (
            self.status == self.Status.ACTIVE
            or self.declared_at is not None
            or (self.one_off_until is not None and self.one_off_until > timezone.now())
        )


class StripeEvent(models.Model):
    """Every Stripe event we accepted, once: a replay finds its id here and changes nothing."""

    class Outcome(models.TextChoices):
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Ignored"

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(help_text="When Stripe created the event.")
    received_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    note = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id} ({self.outcome})"
