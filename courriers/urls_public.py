"""The person's pages: no account, reached by the signed link of an invitation."""

from django.urls import path

from courriers.views import public

app_name = "rdv"

urlpatterns = [
    path("<str:jeton>/", public.page, name="page"),
]
