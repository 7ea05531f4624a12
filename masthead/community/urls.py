from django.urls import path

from masthead.community import views

app_name = "community"
urlpatterns = [
    path("articles/<int:page_id>/comments/", views.thread, name="thread"),
    path("articles/<int:page_id>/comment/", views.compose, name="compose"),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
    path("comments/<int:pk>/replies/", views.replies, name="replies"),
    path("comments/<int:pk>/edit/", views.edit, name="edit"),
    path("comments/<int:pk>/delete/", views.delete, name="delete"),
    path("comments/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("comments/<int:pk>/report/", views.report, name="report"),
    path("notice/", views.notice, name="notice"),
    path("unsubscribe/<str:token>/", views.csrf_exempt_unsubscribe(), name="unsubscribe"),
]
