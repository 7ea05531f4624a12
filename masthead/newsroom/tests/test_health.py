from unittest import mock

import pytest
from django.test import Client


@pytest.mark.django_db
def test_health_says_ok_when_database_and_cache_answer(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_names_the_part_that_failed(client: Client) -> None:
    with mock.patch("masthead.newsroom.views.cache.get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_refuses_posts(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
