"""The default scorer changed from alt-profanity-check to Masthead's own, whose probabilities
mean something else: a site still on the old default threshold (0.8) moves to the new one (0.5).
A threshold the publisher chose is left alone."""

from django.db import migrations

OLD_DEFAULT = 0.8
NEW_DEFAULT = 0.5


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    CommunitySettings = apps.get_model("community", "CommunitySettings")
    CommunitySettings.objects.filter(toxicity_threshold=OLD_DEFAULT).update(
        toxicity_threshold=NEW_DEFAULT
    )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    CommunitySettings = apps.get_model("community", "CommunitySettings")
    CommunitySettings.objects.filter(toxicity_threshold=NEW_DEFAULT).update(
        toxicity_threshold=OLD_DEFAULT
    )


class Migration(migrations.Migration):
    dependencies = [("community", "0007_scorer_thresholds_and_versions")]

    operations = [migrations.RunPython(forwards, backwards)]
