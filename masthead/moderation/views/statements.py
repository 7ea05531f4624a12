"""What readers see of moderators' decisions: their statements of reasons, and appeals."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from masthead.moderation.models import Statement


@login_required
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement, pk=pk, reader=request.user)
    return TemplateResponse(request, "moderation/statement.html", {"statement": statement})
