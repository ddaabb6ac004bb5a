"""The shape of a home page: a title, a few tiles of real counts and the alerts. Each app builds its roles' homes."""

from dataclasses import dataclass, field


@dataclass
class Tuile:
    libelle: str
    valeur: int | str | None
    lien: str = ""
    detail: str = ""


@dataclass
class Accueil:
    titre: str
    introduction: str
    tuiles: list[Tuile] = field(default_factory=list)
    alertes: list[Tuile] = field(default_factory=list)
    # Notices addressed to the user (a decision on their request, a cancelled prescription), unread first.
    avis: list = field(default_factory=list)
