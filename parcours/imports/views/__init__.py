"""Upload → preview (dry run) → confirm → background import with progress → summary; refused lines as CSV."""

from parcours.imports.views.depot import apercu, depot, format_fichier
from parcours.imports.views.refus import refus_csv
from parcours.imports.views.suivi import confirmer, resume, suivi

__all__ = ["apercu", "confirmer", "depot", "format_fichier", "refus_csv", "resume", "suivi"]
