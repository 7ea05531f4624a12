"""Template helpers for news pages."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str) -> SafeString:
    """Render what other apps put into a named slot of a page, or nothing at all.

    Apps fill a slot with `@hooks.register("masthead_slot_<name>")` on a function that takes the
    template context and returns HTML (or "" to stay out). The news app knows no other app.
    """
    parts = [fn(context) for fn in hooks.get_hooks(f"masthead_slot_{name}")]
    return format_html_join("", "{}", ((mark_safe(part),) for part in parts if part))  # noqa: S308


@register.simple_tag(takes_context=True)
def sections_nav(context: template.Context) -> list:
    """The live sections of the current site, cached on the request (one query per page)."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_masthead_sections", None)
    if cached is None:
        from wagtail.models import Site

        from masthead.news.models import SectionPage

        site = Site.find_for_request(request)
        cached = []
        if site is not None:
            cached = list(
                SectionPage.objects.live().public().child_of(site.root_page).order_by("path")
            )
        request._masthead_sections = cached
    return cached
