"""Placeholder, filled by the next commits."""

from courriers.views.envois import _absente

rappel_fournisseur = _absente
