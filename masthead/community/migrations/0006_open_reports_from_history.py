"""Reports made before the moderation back office count as open until a moderator decides."""

from django.db import migrations
from django.db.models import F, Max, OuterRef, Subquery


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Comment = apps.get_model("community", "Comment")
    Report = apps.get_model("community", "Report")
    latest = (
        Report.objects.filter(comment=OuterRef("pk"))
        .values("comment")
        .annotate(at=Max("created_at"))
        .values("at")
    )
    Comment.objects.filter(report_count__gt=0, status__in=("published", "pending")).update(
        last_reported_at=Subquery(latest)
    )

    Comment.objects.filter(report_count__gt=0, status__in=("published", "pending")).update(
        open_report_count=F("report_count")
    )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Comment = apps.get_model("community", "Comment")
    Comment.objects.update(open_report_count=0, last_reported_at=None)


class Migration(migrations.Migration):
    dependencies = [("community", "0005_moderation_queues")]

    operations = [migrations.RunPython(forwards, backwards)]
