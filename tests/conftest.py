import pytest


@pytest.fixture(autouse=True)
def _media_and_locale(settings):
    settings.LANGUAGE_CODE = "fr"
