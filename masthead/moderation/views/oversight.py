"""The oversight screens in the admin: the decision log (filterable, exportable) and the
dashboard of queue sizes, speed and consistency. Only moderators see them.

Registered under /admin/moderation/ by wagtail_hooks.py through `admin_urls()`. Both pages
work without JavaScript: plain GET forms and links, no drop-downs or live filtering.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.text import Truncator
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from masthead.moderation import oversight
from masthead.moderation.actions import check_can_moderate
from masthead.moderation.filters import DecisionFilterSet, reason_label
from masthead.moderation.models import Decision

EXCERPT_CHARS = 90


class ModeratorsOnly(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Wagtail turns the PermissionDenied into a redirect to the admin home, with a message.
        check_can_moderate(request.user)  # type: ignore[arg-type]
        return super().dispatch(request, *args, **kwargs)


# The decision log -------------------------------------------------------------------------------


def detail_summary(detail: dict[str, Any]) -> str:
    """The one line of a decision's detail a moderator scans for: why, in the rule's words."""
    parts = []
    if detail.get("explanation"):
        parts.append(str(detail["explanation"]))
    if detail.get("matched"):
        parts.append(f"matched “{detail['matched']}”")
    if "score" in detail:
        score = f"score {detail['score']}"
        if "threshold" in detail:
            score += f" (threshold {detail['threshold']})"
        parts.append(score)
    if "links" in detail:
        parts.append(f"{detail['links']} links ({detail.get('allowed', '?')} allowed)")
    if "reports" in detail:
        parts.append(f"{detail['reports']} reports (hidden at {detail.get('threshold', '?')})")
    if detail.get("legal_grounds"):
        parts.append(f"legal grounds: {detail['legal_grounds']}")
    if detail.get("message"):
        parts.append(str(detail["message"]))
    if detail.get("until"):
        parts.append(f"until {detail['until']}")
    if detail.get("appeal"):
        parts.append(f"appeal {detail['appeal']} against decision {detail.get('decision')}")
    if detail.get("appeal_of"):
        parts.append(f"after an appeal against decision {detail['appeal_of']}")
    if detail.get("error"):
        parts.append(str(detail["error"]))
    return Truncator("; ".join(parts)).chars(200)


@dataclass(frozen=True)
class LogRow:
    """One decision as the log shows it."""

    decision: Decision
    who: str
    automatic: bool
    action: str
    reason: str
    excerpt: str
    comment_url: str
    reader: str
    summary: str

    @classmethod
    def of(cls, decision: Decision) -> LogRow:
        comment, subject = decision.comment, decision.subject
        return cls(
            decision=decision,
            who=f"rule: {decision.rule}"
            if decision.rule
            else oversight.staff_name(decision.moderator),
            automatic=decision.automated,
            action=decision.get_action_display(),
            reason=reason_label(decision.reason),
            excerpt=Truncator(comment.body).chars(EXCERPT_CHARS) if comment else "",
            comment_url=reverse("community:permalink", args=[comment.pk]) if comment else "",
            # A reader's chosen name, never their e-mail address.
            reader=subject.public_name if subject else "",
            summary=detail_summary(decision.detail or {}),
        )


class AuditView(ModeratorsOnly, ReportView):
    """Every decision, newest first; filterable; CSV or XLSX of all the filtered rows."""

    model = Decision
    page_title = "Audit log"
    header_icon = "list-ul"
    template_name = "moderation/oversight/audit.html"
    results_template_name = "moderation/oversight/audit_results.html"
    index_url_name = "moderation_audit"
    filterset_class = DecisionFilterSet
    default_ordering = ("-created_at", "-pk")
    paginate_by = 50
    export_filename = "moderation-log"
    list_export = [
        "id",
        "created_at",
        "moderator",
        "rule",
        "action",
        "reason",
        "comment_id",
        "reader_id",
        "detail",
    ]
    export_headings = {field: field for field in list_export}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        as_json = {self.FORMAT_CSV: _json, self.FORMAT_XLSX: _json}
        self.custom_field_preprocess = {
            "created_at": {self.FORMAT_CSV: lambda value: value.isoformat()},
            "detail": as_json,
        }

    def get_base_queryset(self) -> QuerySet[Decision]:
        # The rows' people and comments come in the same query, so a page of 50 costs what a
        # page of 5 does; comments' rendered HTML is never shown here.
        return Decision.objects.select_related("moderator", "subject", "comment").defer(
            "comment__html"
        )

    @property
    def filters_invalid(self) -> bool:
        return self.filters is not None and not self.filters.is_valid()

    def filter_queryset(self, queryset: QuerySet[Decision]) -> QuerySet[Decision]:
        if self.filters_invalid:
            return queryset.none()
        result: QuerySet[Decision] = super().filter_queryset(queryset)
        return result

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.filters_invalid:
            self.is_export = False  # never a download of the unfiltered log by mistake
        response: HttpResponse = super().get(request, *args, **kwargs)
        if self.filters_invalid:
            response.status_code = 400
        return response

    def decorate_paginated_queryset(self, object_list: Any) -> Any:
        if self.is_export:
            return object_list  # streamed as it is read, see stream_csv
        return [LogRow.of(decision) for decision in object_list]

    @property
    def show_export_buttons(self) -> bool:
        # The page offers plain download links instead of the header's script-driven menu.
        return False

    def get_export_url(self, format: str) -> str:
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        params["export"] = format
        return f"{self.request.path}?{params.urlencode()}"

    def to_row_dict(self, item: Decision) -> dict[str, Any]:
        return {
            "id": item.pk,
            "created_at": item.created_at,
            "moderator": oversight.staff_name(item.moderator) if item.moderator_id else "",
            "rule": item.rule,
            "action": item.action,
            "reason": item.reason,
            "comment_id": item.comment_id or "",
            "reader_id": item.subject_id or "",
            "detail": item.detail,
        }

    def stream_csv(self, queryset: QuerySet[Decision]) -> Iterator[str]:
        """Like Wagtail's, but reading the rows in chunks rather than all at once."""
        yield from super().stream_csv(queryset.iterator(chunk_size=1000))

    def get_heading(self, queryset: Any, field: str) -> str:
        return self.export_headings[field]


def _json(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)


# The dashboard ----------------------------------------------------------------------------------


class DashboardView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = "Moderation dashboard"
    header_icon = "tasks"
    template_name = "moderation/oversight/dashboard.html"

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["stats"] = oversight.dashboard()
        context["audit_url"] = reverse("moderation_audit")
        return context


def admin_urls() -> list[URLPattern]:
    """The oversight screens, for wagtail_hooks.py to mount under /admin/moderation/."""
    return [
        path("audit/", AuditView.as_view(), name="moderation_audit"),
        path("dashboard/", DashboardView.as_view(), name="moderation_dashboard"),
    ]
