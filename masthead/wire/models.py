"""What came in from the wire: one row per agency item, so updates and kills find their page."""

from django.db import models


class WireItem(models.Model):
    class Status(models.TextChoices):
        USABLE = "usable"
        WITHHELD = "withheld"
        CANCELED = "canceled"

    uri = models.CharField(max_length=500, unique=True, help_text="The agency's id for the story.")
    version = models.PositiveIntegerField()
    pubstatus = models.CharField(max_length=10, choices=Status.choices, default=Status.USABLE)
    page = models.ForeignKey(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_items",
    )
    agency = models.ForeignKey(
        "news.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=500, blank=True, help_text="The file it came from.")
    first_ingested_at = models.DateTimeField(auto_now_add=True)
    last_ingested_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_ingested_at"]
        indexes = [models.Index(fields=["-last_ingested_at"], name="wireitem_recent_idx")]
        permissions = [("ingest_wire", "Can ingest wire copy")]

    def __str__(self) -> str:
        return f"{self.uri} v{self.version}"
