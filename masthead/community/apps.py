from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "masthead.community"
    label = "community"
