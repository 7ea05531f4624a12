from django.apps import AppConfig


class SupportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "masthead.support"
    verbose_name = "Reader support"

    def ready(self) -> None:
        from masthead.support import checks  # noqa: F401 - registers the start-up checks
