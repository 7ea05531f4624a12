from django.urls import path

from masthead.moderation.views import statements

app_name = "moderation"
urlpatterns = [
    path("statements/<int:pk>/", statements.statement, name="statement"),
    path("statements/<int:pk>/appeal/", statements.appeal, name="appeal"),
]
