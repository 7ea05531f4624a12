"""How appeals plug into pages they do not own (the article's top and end slots), and the
publisher's screens: the campaign snippet and the results."""

from __future__ import annotations

import json
from typing import Any

from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
)
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.campaigns.forms import CampaignForm
from masthead.campaigns.models import ARTICLE_END, ARTICLE_TOP, AppealSettings, Campaign


def _slot(context: Any, placement: str) -> str:
    """The same HTML for every signed-out reader: a container the script fills or empties, and
    (at the top) the plain default appeal for readers without JavaScript.

    It reads what the article page has already loaded (its parent, its tags), so appeals add no
    query beyond the appeal settings, whether or not a campaign is live.
    """
    from masthead.campaigns.description import contribute_url

    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return ""
    section = page.get_parent()  # cached on the page by the article's own metadata
    meta = context.get("meta")
    tags = sorted({tag.casefold() for tag in getattr(meta, "tags", [])})
    signed_in = request.user.is_authenticated
    default = None
    if placement == ARTICLE_TOP:
        appeal = AppealSettings.for_request(request)
        # Signed-in readers may be supporters; only the script (asking the uncached endpoint)
        # knows, so they get no appeal without JavaScript.
        if appeal.show_default_appeal and not signed_in:
            default = appeal
    return render_to_string(
        "campaigns/slot.html",
        {
            "first": placement == ARTICLE_TOP,
            "placement": placement,
            "article": page,
            "section_id": section.pk if section is not None else "",
            "tags": json.dumps(tags),
            "signed_in": signed_in,
            "default": default,
            "contribute_url": contribute_url(),
        },
    )


@hooks.register("masthead_slot_article_top")
def appeal_banner(context: Any) -> str:
    return _slot(context, ARTICLE_TOP)


@hooks.register("masthead_slot_article_end")
def appeal_end(context: Any) -> str:
    return _slot(context, ARTICLE_END)


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "openquote"
    menu_label = "Appeals"
    menu_name = "appeals"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "priority", "placements", "go_live_at", "expire_at"]
    list_filter = ["live"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("show_as_banner"), FieldPanel("show_at_end")]),
                    FieldPanel("priority"),
                ],
                heading="Placement",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("sections"),
                    FieldPanel("tags"),
                    FieldRowPanel(
                        [FieldPanel("min_articles_read"), FieldPanel("articles_read_days")]
                    ),
                ],
                heading="Who sees it",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("max_views"), FieldPanel("cap_days")]),
                    FieldPanel("dismiss_days"),
                ],
                heading="How often",
            ),
            FieldRowPanel([FieldPanel("goal_amount"), FieldPanel("goal_currency")], heading="Goal"),
            PublishingPanel(),
            InlinePanel("variants", heading="Variants", label="Variant", min_num=1),
        ],
        base_form_class=CampaignForm,
    )


register_snippet(CampaignViewSet)


@hooks.register("register_admin_urls")
def campaign_admin_urls() -> list[Any]:
    from masthead.campaigns import views

    return [
        path("appeal-results/", views.results_index, name="campaign_results_index"),
        path("appeal-results/<int:pk>/", views.results_detail, name="campaign_results"),
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("campaigns.change_campaign"))


@hooks.register("register_admin_menu_item")
def results_menu_item() -> MenuItem:
    return ResultsMenuItem(
        "Appeal results", reverse("campaign_results_index"), icon_name="table", order=271
    )


@hooks.register("register_snippet_listing_buttons")
def results_button(snippet: Any, user: Any, next_url: str | None = None) -> Any:
    if isinstance(snippet, Campaign) and user.has_perm("campaigns.change_campaign"):
        yield ListingButton(
            "Results",
            reverse("campaign_results", args=[snippet.pk]),
            icon_name="table",
            priority=15,
        )
