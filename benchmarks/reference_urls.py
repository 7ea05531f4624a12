from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def reference(request: HttpRequest, size: int) -> HttpResponse:
    body = ("<!doctype html><title>reference</title>" + "x" * size)[:size]
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("__reference__/<int:size>", reference),
    path("", include("masthead.urls")),
]
