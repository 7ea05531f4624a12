"""Name the back-office roles after the newsroom.

Wagtail ships "Editors" (may edit) and "Moderators" (may publish). In a newsroom those are writers
and sub-editors, and "Moderators" means the people who moderate readers' comments. Groups an
operator has already renamed or created are left alone.
"""

from django.db import migrations

RENAMES = [("Editors", "Writers"), ("Moderators", "Sub-editors")]
OLD_APPROVAL, NEW_APPROVAL = "Moderators approval", "Sub-editor approval"


def _rename(apps, pairs, approval):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in pairs:
        if Group.objects.filter(name=old).exists() and not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    old, new = approval
    Task.objects.filter(name=old).update(name=new)
    Workflow.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _rename(apps, RENAMES, (OLD_APPROVAL, NEW_APPROVAL))
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after all migrations; this one is needed now.
    wire_type, _ = ContentType.objects.get_or_create(app_label="wire", model="wireitem")
    ingest, _ = Permission.objects.get_or_create(
        codename="ingest_wire", content_type=wire_type, defaults={"name": "Can ingest wire copy"}
    )
    for group in Group.objects.filter(name="Sub-editors"):
        group.permissions.add(ingest)
    access_admin = Permission.objects.filter(
        codename="access_admin", content_type__app_label="wagtailadmin"
    ).first()
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    if access_admin is not None:
        moderators.permissions.add(access_admin)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Moderators", page_permissions__isnull=True).delete()
    _rename(apps, [(new, old) for old, new in RENAMES], (NEW_APPROVAL, OLD_APPROVAL))


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wire", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
