from django.urls import path

from masthead.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("active.json", views.active, name="active"),
    path("me.json", views.me, name="me"),
    path("track/", views.track, name="track"),
    path("already-support/", views.already_support, name="already_support"),
]
