from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "masthead.campaigns"
    verbose_name = "Appeals"

    def ready(self) -> None:
        from masthead.campaigns import signals  # noqa: F401 - connects the receivers
