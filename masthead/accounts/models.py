"""Everyone who signs in: readers, and the newsroom staff who work the back office."""

from django.contrib.auth.models import AbstractUser
from django.db import models


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
