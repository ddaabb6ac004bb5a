"""The REST API, versioned. Each app registers its viewsets in its own api/ module."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
