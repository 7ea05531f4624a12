"""Moderators may moderate comments (feature them today; the full back office builds on this)."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    comment_type, _ = ContentType.objects.get_or_create(app_label="community", model="comment")
    change, _ = Permission.objects.get_or_create(
        codename="change_comment", content_type=comment_type, defaults={"name": "Can change comment"}
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(change)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    change = Permission.objects.filter(
        codename="change_comment", content_type__app_label="community"
    ).first()
    if change is not None:
        for group in Group.objects.filter(name="Moderators"):
            group.permissions.remove(change)


class Migration(migrations.Migration):
    dependencies = [("community", "0003_thread_permissions")]

    operations = [migrations.RunPython(forwards, backwards)]
