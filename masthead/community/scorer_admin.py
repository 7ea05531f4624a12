"""The Scorer screen in the moderation area: every version of the abuse scorer with its
figures, which one scores comments now, and a button to activate another (roll back)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST
from django.views.defaults import permission_denied

from masthead.community.models import ScorerVersion
from masthead.community.scorer.actions import (
    ScorerError,
    activate_scorer_version,
    can_manage_scorer,
)
from masthead.community.scorer.categories import HOLD_CATEGORY_CHOICES

PER_PAGE = 25


def admin_urls() -> list[URLPattern]:
    return [
        path("moderation/scorer/", versions, name="community_scorer"),
        path("moderation/scorer/<int:pk>/activate/", activate, name="community_scorer_activate"),
    ]


def _forbidden(request: HttpRequest) -> HttpResponse | None:
    """A 403 for those who may not moderate. Returned, not raised: Wagtail would turn a raised
    PermissionDenied into a redirect to the dashboard, which tells scripts and tests nothing."""
    if can_manage_scorer(request.user):  # type: ignore[arg-type]
        return None
    return permission_denied(
        request, PermissionDenied("Only moderators may see and change the abuse scorer.")
    )


def _percent(value: Any) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _row(version: ScorerVersion, active: ScorerVersion | None) -> dict[str, Any]:
    recall = version.figure("corpus", "recall") or {}
    site_auc = version.figure("site", "auc")
    earlier = active is not None and version.number < active.number
    return {
        "version": version,
        "button": f"Roll back to {version.label}" if earlier else f"Activate {version.label}",
        "auc": version.figure("corpus", "auc"),
        "threshold": version.figures.get("threshold"),
        "recall": [(label, _percent(recall.get(code))) for code, label in HOLD_CATEGORY_CHOICES],
        "hard_negatives": _percent(version.figure("corpus", "hard_negative_fpr")),
        "site_auc": site_auc,
        "site_accuracy": _percent(version.figure("site", "accuracy")),
        "site_examples": version.figure("site", "examples"),
    }


@require_GET
def versions(request: HttpRequest) -> HttpResponse:
    if (refused := _forbidden(request)) is not None:
        return refused
    listed = ScorerVersion.objects.defer("model_file").select_related("activated_by")
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    # Whether a version still has its file, without reading a megabyte per row.
    with_file = set(
        ScorerVersion.objects.filter(
            pk__in=[v.pk for v in page.object_list], model_file__isnull=False
        ).values_list("pk", flat=True)
    )
    active = ScorerVersion.objects.filter(active=True).only("number").first()
    return TemplateResponse(
        request,
        "community/scorer_versions.html",
        {
            "page": page,
            "rows": [_row(v, active) for v in page.object_list],
            "with_file": with_file,
            "active": active,
            "categories": [label for _, label in HOLD_CATEGORY_CHOICES],
        },
    )


@require_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    if (refused := _forbidden(request)) is not None:
        return refused
    version = get_object_or_404(ScorerVersion.objects.defer("model_file"), pk=pk)
    try:
        activate_scorer_version(request.user, version)  # type: ignore[arg-type]
    except ScorerError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{version.label} scores comments from now on (every server within a minute).",
        )
    return redirect("community_scorer")
