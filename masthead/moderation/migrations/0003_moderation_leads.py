"""A "Moderation leads" group: moderators who also see readers' e-mail addresses and IPs, and
edit the word lists, thresholds and what decisions say to readers."""

from django.db import migrations

LEADS = "Moderation leads"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("community", "comment", "change_comment", "Can change comment"),
    ("community", "communitysettings", "change_communitysettings", "Can change community"),
    ("moderation", "moderationsettings", "change_moderationsettings", "Can change moderation"),
    (
        "moderation",
        "moderationsettings",
        "view_personal_data",
        "Can see readers' e-mail addresses and IP addresses in the moderation area",
    ),
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    leads, _ = Group.objects.get_or_create(name=LEADS)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            codename=codename, content_type=content_type, defaults={"name": name}
        )
        leads.permissions.add(permission)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("auth", "Group").objects.filter(name=LEADS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_back_office"),
        ("community", "0006_open_reports_from_history"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
