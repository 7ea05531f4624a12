"""Sub-editors and moderators may open and close comment threads."""

from django.db import migrations

GROUPS = ["Sub-editors", "Moderators"]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after all migrations; this one is needed now.
    thread_type, _ = ContentType.objects.get_or_create(app_label="community", model="thread")
    change, _ = Permission.objects.get_or_create(
        codename="change_thread", content_type=thread_type, defaults={"name": "Can change thread"}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(change)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    change = Permission.objects.filter(
        codename="change_thread", content_type__app_label="community"
    ).first()
    if change is not None:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.remove(change)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_default_report_reasons"),
        ("newsroom", "0001_newsroom_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
