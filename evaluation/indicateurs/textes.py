"""The shape of a fiche and the sentences several fiches share."""

from __future__ import annotations

from dataclasses import dataclass

PERIODE = "Du premier au dernier jour de la période, bornes comprises."
PERSONNE_UNE_FOIS = "Une personne qui a deux parcours est comptée une fois."
GEOGRAPHIE = (
    "Avec un filtre de MDD ou de territoire, chaque parcours est rattaché à la MDD qui le suivait le dernier jour "
    "de la période, reconstituée depuis l'historique des transferts : un transfert postérieur ne change pas le "
    "chiffre. Le territoire est celui de cette MDD."
)
NON_ADDITIF_THEMATIQUES = (
    "Par thématique, une personne présente dans des actions de deux thématiques compte dans chacune : la somme "
    "des thématiques peut dépasser le total."
)


@dataclass(frozen=True)
class Fiche:
    """The written definition of one indicator, as the fiche shows it (every field in French)."""

    code: str
    libelle: str
    groupe: str
    unite: str
    population: str
    numerateur: str
    observation: str
    denominateur: str = "Sans objet : un nombre, pas un taux."
    exclusions: str = "Aucune."
    limites: str = "Aucune connue."
    ventilation: str = "Pas de ventilation publiée."

    @property
    def ancre(self) -> str:
        return f"fiche-{self.code}"
