"""Purge the anonymous page cache whenever something readers see may have changed."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from masthead.lib import pagecache
from masthead.news.models import Agency, Author, PublicationSettings
from masthead.photos.models import Photo


def purge(sender: Any, **kwargs: Any) -> None:
    pagecache.purge()


def purge_for_pages(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        pagecache.purge()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(purge, dispatch_uid=f"pagecache-{id(signal)}")
    post_delete.connect(purge_for_pages, dispatch_uid="pagecache-page-delete")
    for model in (PublicationSettings, Photo, Author, Agency, Site):
        post_save.connect(purge, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"pagecache-del-{model.__name__}")
