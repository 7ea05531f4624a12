"""The report reasons a new site starts with; the publisher rewords or adds to them in the admin."""

from django.db import migrations

DEFAULTS = [
    ("abusive", "Abusive or harassing", True, False),
    ("hate", "Hate speech", True, False),
    ("spam", "Spam or advertising", True, False),
    ("off-topic", "Off topic", True, False),
    ("misinformation", "Misinformation", True, False),
    ("disagree", "I just disagree", False, False),
    ("illegal", "Illegal content", True, True),
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    ReportReason = apps.get_model("community", "ReportReason")
    for order, (code, label, counts, illegal) in enumerate(DEFAULTS):
        ReportReason.objects.get_or_create(
            code=code,
            defaults={"label": label, "counts": counts, "illegal": illegal, "sort_order": order},
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    ReportReason = apps.get_model("community", "ReportReason")
    Report = apps.get_model("community", "Report")
    unused = ReportReason.objects.filter(code__in=[d[0] for d in DEFAULTS]).exclude(
        pk__in=Report.objects.values("reason")
    )
    unused.delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
