"""Placeholder, filled by the next commits."""

from courriers.views.envois import _absente

page = _absente
