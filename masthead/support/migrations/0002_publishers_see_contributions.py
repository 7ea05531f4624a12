"""The publisher sees contributions in the admin and edits the reader-support settings: a
"Publishers" group that may enter the admin, view (never change) contributions and change the
support settings. Superusers may do the same."""

from django.db import migrations

GROUP = "Publishers"


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after all migrations; these are needed now.
    contribution_type, _ = ContentType.objects.get_or_create(
        app_label="support", model="contribution"
    )
    view, _ = Permission.objects.get_or_create(
        codename="view_contribution",
        content_type=contribution_type,
        defaults={"name": "Can view contribution"},
    )
    settings_type, _ = ContentType.objects.get_or_create(
        app_label="support", model="supportsettings"
    )
    change_settings, _ = Permission.objects.get_or_create(
        codename="change_supportsettings",
        content_type=settings_type,
        defaults={"name": "Can change reader support"},
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        codename="access_admin",
        content_type=admin_type,
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(view, change_settings, access)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                codename__in=["view_contribution", "change_supportsettings"],
                content_type__app_label="support",
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_contributions_and_supporters"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
