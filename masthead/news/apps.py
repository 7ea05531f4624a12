from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "masthead.news"
    label = "news"

    def ready(self) -> None:
        from masthead.news import signals

        signals.connect()
