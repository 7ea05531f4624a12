"""The moderation area in the Wagtail admin: its URLs and its menu, shown to moderators only."""

from typing import Any

from django.urls import URLPattern, include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        from masthead.moderation.actions import can_moderate

        return can_moderate(request.user)


@hooks.register("register_admin_urls")
def moderation_urls() -> list[Any]:
    from masthead.moderation.views import queues
    from masthead.moderation.views.oversight import admin_urls

    queue_urls: list[URLPattern] = [
        path("", queues.queue, name="moderation_home"),
        path("queues/<slug:slug>/", queues.queue, name="moderation_queue"),
        path("comments/<int:pk>/", queues.card, name="moderation_card"),
        path("comments/<int:pk>/claim/", queues.claim, name="moderation_claim"),
        path("comments/<int:pk>/decide/", queues.decide, name="moderation_decide"),
        path("comments/bulk/", queues.bulk, name="moderation_bulk"),
        path("readers/<int:pk>/", queues.reader, name="moderation_reader"),
        path("appeals/<int:pk>/", queues.decide_appeal, name="moderation_appeal"),
        path("notices/<int:pk>/", queues.notice, name="moderation_notice"),
        path("stories/<int:page_id>/watch/", queues.watch, name="moderation_watch"),
    ]
    return [path("moderation/", include(queue_urls + admin_urls()))]


moderation_menu = Menu(register_hook_name="register_moderation_menu_item", construct_hook_name=None)


@hooks.register("register_moderation_menu_item")
def queues_item() -> MenuItem:
    return ModeratorMenuItem("Queues", reverse("moderation_home"), icon_name="warning", order=100)


@hooks.register("register_moderation_menu_item")
def audit_item() -> MenuItem:
    return ModeratorMenuItem(
        "Audit log", reverse("moderation_audit"), icon_name="history", order=200
    )


@hooks.register("register_moderation_menu_item")
def dashboard_item() -> MenuItem:
    return ModeratorMenuItem(
        "Dashboard", reverse("moderation_dashboard"), icon_name="table", order=300
    )


class SettingsMenuItem(MenuItem):
    def __init__(self, label: str, model: str, permission: str, **kwargs: Any) -> None:
        app, name = model.split(".")
        super().__init__(label, reverse("wagtailsettings:edit", args=[app, name]), **kwargs)
        self.permission = permission

    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm(self.permission))


@hooks.register("register_moderation_menu_item")
def word_lists_item() -> MenuItem:
    return SettingsMenuItem(
        "Word lists and thresholds",
        "community.communitysettings",
        "community.change_communitysettings",
        icon_name="cog",
        order=400,
    )


@hooks.register("register_moderation_menu_item")
def wording_item() -> MenuItem:
    return SettingsMenuItem(
        "What decisions say",
        "moderation.moderationsettings",
        "moderation.change_moderationsettings",
        icon_name="doc-full",
        order=500,
    )


class ModerationSubmenu(SubmenuMenuItem):
    def is_shown(self, request: Any) -> bool:
        from masthead.moderation.actions import can_moderate

        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def moderation_menu_item() -> MenuItem:
    return ModerationSubmenu("Moderation", moderation_menu, icon_name="warning", order=250)
