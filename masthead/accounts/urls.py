from django.urls import path

from masthead.accounts import views

app_name = "accounts"
urlpatterns = [
    path("readers/<int:pk>/", views.profile, name="profile"),
    path("notifications/", views.notifications, name="notifications"),
    path(
        "notifications/<int:pk>/acknowledge/",
        views.acknowledge,
        name="acknowledge",
    ),
    path("settings/", views.settings, name="settings"),
    path("settings/data/", views.export, name="export"),
    path("settings/delete/", views.delete, name="delete"),
]
