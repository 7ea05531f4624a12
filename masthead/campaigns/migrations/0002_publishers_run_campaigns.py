"""The "Publishers" group writes, schedules and publishes appeal campaigns, edits the default
appeal and sees each campaign's results (results need change_campaign)."""

from django.db import migrations

GROUP = "Publishers"
PERMISSIONS = [
    ("campaign", "add_campaign", "Can add campaign"),
    ("campaign", "change_campaign", "Can change campaign"),
    ("campaign", "delete_campaign", "Can delete campaign"),
    ("campaign", "publish_campaign", "Can publish campaign"),
    ("campaign", "lock_campaign", "Can lock campaign"),
    ("campaign", "unlock_campaign", "Can unlock campaign"),
    ("campaign", "view_campaign", "Can view campaign"),
    ("appealsettings", "change_appealsettings", "Can change appeal settings"),
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    publishers, _ = Group.objects.get_or_create(name=GROUP)
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model=model)
        permission, _ = Permission.objects.get_or_create(
            codename=codename, content_type=content_type, defaults={"name": name}
        )
        publishers.permissions.add(permission)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publishers = Group.objects.filter(name=GROUP).first()
    if publishers is not None:
        publishers.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="campaigns",
                codename__in=[codename for _, codename, _ in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_campaigns_and_tallies"),
        ("support", "0002_publishers_see_contributions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
