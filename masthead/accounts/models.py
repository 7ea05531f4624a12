"""Everyone who signs in: readers, and the newsroom staff who work the back office."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    # Readers choose how they appear beside their comments; their e-mail is never shown.
    display_name = models.CharField(max_length=50, blank=True)
    display_name_changed_at = models.DateTimeField(null=True, blank=True)
    reply_notifications = models.BooleanField(
        default=True, help_text="E-mail me when someone replies to my comment."
    )

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username


def public_name(user: User) -> str:
    """How allauth names a reader in its pages and e-mails: never the generated username."""
    return user.public_name


class Notification(models.Model):
    """A message to a reader from the newsroom: a statement of reasons, a warning, the outcome
    of their report or appeal. Shown on their notifications page; a warning is also shown on
    every page until they acknowledge it."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", "Statement of reasons"
        WARNING = "warning", "Warning"
        REPORT_OUTCOME = "report", "Outcome of your report"
        APPEAL_OUTCOME = "appeal", "Outcome of your appeal"

    reader = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True, help_text="A path on this site.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    needs_ack = models.BooleanField(default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["reader", "-created_at", "-id"], name="notification_reader_idx"),
            models.Index(
                fields=["reader"],
                condition=models.Q(read_at__isnull=True)
                | models.Q(needs_ack=True, acknowledged_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for reader {self.reader_id}"
