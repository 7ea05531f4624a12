from django.urls import path

from masthead.support import views

app_name = "support"
urlpatterns = [
    path("", views.contribute, name="contribute"),
    path("test-checkout/<str:token>/", views.test_checkout, name="test_checkout"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
    path("cancelled/<str:token>/", views.cancelled, name="cancelled"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("manage/", views.manage, name="manage"),
    path("claim/", views.claim_request, name="claim_request"),
    path("claim/<str:token>/", views.claim, name="claim"),
]
