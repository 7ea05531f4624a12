"""Photos carry their rights: who took them, the credit to print, until when we may use them."""

import datetime as dt

from django.db import models
from django.utils import timezone
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Photo(AbstractImage):
    # Wagtail's description is what screen readers hear; we call it what it is. It cannot be
    # required here (bulk upload sends only files), so pages refuse photos that lack it.
    description = models.CharField(
        "alt text",
        max_length=255,
        blank=True,
        default="",
        help_text="What the photo shows, for readers who cannot see it; needed before use.",
    )
    caption = models.TextField(blank=True, help_text="The default caption, one or two sentences.")
    photographer = models.CharField(max_length=255, blank=True)
    credit_line = models.CharField(
        max_length=255,
        blank=True,
        help_text='Printed after the caption, e.g. "Alamy Stock Photo".',
    )
    copyright_notice = models.CharField(max_length=255, blank=True)
    usage_terms = models.TextField(blank=True)
    rights_expire_at = models.DateField(
        null=True,
        blank=True,
        help_text="After this day the photo must no longer be shown; it drops out of every page.",
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "caption",
        "photographer",
        "credit_line",
        "copyright_notice",
        "usage_terms",
        "rights_expire_at",
    )

    @property
    def credit(self) -> str:
        """The credit printed under the photo: the credit line, else the photographer."""
        return self.credit_line or self.photographer

    @property
    def alt_text(self) -> str:
        return self.description or self.caption or self.title

    def rights_expired(self, on: dt.datetime | None = None) -> bool:
        if self.rights_expire_at is None:
            return False
        day = timezone.localdate(on) if on else timezone.localdate()
        return self.rights_expire_at < day


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
