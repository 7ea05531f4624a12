"""How the community plugs into pages it does not own: the article's community slot and the
comment counts on teasers."""

from typing import Any

from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button


@hooks.register("masthead_slot_article_community")
def community_section(context: Any) -> str:
    from masthead.community import listing
    from masthead.community.views import section_context

    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return ""
    sort = listing.parse_sort(request.GET.get("sort"))
    cursor = listing.Cursor.decode(request.GET.get("after"))
    return render_to_string(
        "community/section.html",
        section_context(request, page, sort=sort, cursor=cursor),
        request=request,
    )


@hooks.register("masthead_slot_teaser_meta")
def teaser_comment_count(context: Any) -> str:
    article = context.get("article")
    count = getattr(article, "comment_count", None)
    if not count:
        return ""
    label = "comment" if count == 1 else "comments"
    return render_to_string(
        "community/_teaser_count.html", {"article": article, "count": count, "label": label}
    )


@hooks.register("masthead_articles_listed")
def attach_comment_counts(articles: list[Any]) -> None:
    """One query for the counts of a whole front, instead of one per teaser."""
    from masthead.community.models import Thread

    counts = dict(
        Thread.objects.filter(page_id__in=[a.pk for a in articles]).values_list(
            "page_id", "comment_count"
        )
    )
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)


@hooks.register("register_admin_urls")
def community_admin_urls() -> list[Any]:
    from masthead.community import views
    from masthead.community.scorer_admin import admin_urls as scorer_urls

    return [
        path("comments/thread/<int:page_id>/", views.admin_thread, name="community_thread"),
        *scorer_urls(),
    ]


class ScorerMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("community.change_comment"))


@hooks.register("register_admin_menu_item")
def scorer_menu_item() -> MenuItem:
    """The abuse scorer's versions, for moderators: next to the Moderation menu."""
    return ScorerMenuItem("Scorer", reverse("community_scorer"), icon_name="warning", order=260)


@hooks.register("register_page_listing_more_buttons")
def thread_button(page: Any, user: Any, next_url: str | None = None) -> Any:
    from masthead.news.models import ArticlePage

    if page.specific_class is ArticlePage and user.has_perm("community.change_thread"):
        yield Button(
            "Open or close comments",
            reverse("community_thread", args=[page.pk]),
            icon_name="comment",
            priority=45,
        )
