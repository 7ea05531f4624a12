from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "masthead.photos"
    label = "photos"
    verbose_name = "Photos"
