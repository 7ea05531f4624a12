from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def register_wire_urls() -> list:
    from masthead.wire import views

    return [path("wire/", views.upload, name="wire_upload")]


class WireMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # type: ignore[no-untyped-def]
        return request.user.has_perm("wire.ingest_wire")


@hooks.register("register_admin_menu_item")
def register_wire_menu_item() -> MenuItem:
    return WireMenuItem("Wire ingest", reverse("wire_upload"), icon_name="upload", order=250)
