"""Server-side SVG bar charts in the operator's colours (pacte.marque). Geometry here, markup in
includes/graphique.html.

Each chart comes with its data table (the template renders both): the SVG is an illustration with
a <title> and <desc>, the table is what assistive technologies read.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from evaluation.formats import valeur_fr
from pacte.marque import identite

# DSFR: bleu France (sun-113), menthe (main-548), tuile (main-425): contrast ≥ 3:1 on white.
COULEURS_ETAT = ["#000091", "#009081", "#ce614a"]
# The third series of a département's charts: a dark grey, 7:1 on white (its two colours are 4.5:1 at least).
GRIS = "#595959"


def couleurs() -> list[str]:
    marque = identite()
    return COULEURS_ETAT if marque.etat else [marque.couleur_primaire, marque.couleur_secondaire, GRIS]


LARGEUR = 720
MARGE_LIBELLE = 230
MARGE_VALEUR = 90
HAUTEUR_BARRE = 16
ECART_BARRE = 3
ECART_CATEGORIE = 12


@dataclass
class Serie:
    nom: str
    valeurs: list


@dataclass
class Graphique:
    ident: str
    titre: str
    description: str
    categories: list[str]
    series: list[Serie]
    unite: str = "personnes"
    barres: list = field(default_factory=list)
    libelles: list = field(default_factory=list)
    hauteur: int = 0
    legende: list = field(default_factory=list)

    @property
    def vide(self) -> bool:
        return not self.categories

    @property
    def lignes(self):
        """Rows of the data table: category, then one formatted value per series."""
        return [
            {"categorie": c, "valeurs": [valeur_fr(s.valeurs[i], self.unite) for s in self.series]}
            for i, c in enumerate(self.categories)
        ]


def _court(texte: str, longueur: int = 34) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


def construire(graphique: Graphique) -> Graphique:
    nombres = [float(v) for s in graphique.series for v in s.valeurs if v is not None]
    maximum = max(nombres, default=0) or 1
    zone = LARGEUR - MARGE_LIBELLE - MARGE_VALEUR
    y = 30 if len(graphique.series) > 1 else 8
    palette = couleurs()
    graphique.legende = [
        {"x": 10 + i * 220, "couleur": palette[i % len(palette)], "nom": s.nom} for i, s in enumerate(graphique.series)
    ]
    for i, categorie in enumerate(graphique.categories):
        hauteur_groupe = len(graphique.series) * (HAUTEUR_BARRE + ECART_BARRE)
        graphique.libelles.append({"y": y + hauteur_groupe / 2 + 4, "texte": _court(categorie)})
        for j, serie in enumerate(graphique.series):
            valeur = serie.valeurs[i]
            largeur = 0 if valeur is None else max(float(valeur), 0) / maximum * zone
            graphique.barres.append(
                {
                    "x": MARGE_LIBELLE,
                    "y": y,
                    "largeur": round(largeur, 1),
                    "hauteur": HAUTEUR_BARRE,
                    "couleur": palette[j % len(palette)],
                    "texte_x": MARGE_LIBELLE + round(largeur, 1) + 4,
                    "texte_y": y + HAUTEUR_BARRE - 4,
                    "texte": valeur_fr(valeur, graphique.unite) if valeur is not None else "n. d.",
                }
            )
            y += HAUTEUR_BARRE + ECART_BARRE
        y += ECART_CATEGORIE
    graphique.hauteur = int(y + 4)
    return graphique


def barres(ident, titre, description, categories, series: dict[str, list], unite="personnes") -> Graphique:
    return construire(
        Graphique(
            ident=ident,
            titre=titre,
            description=description,
            categories=list(categories),
            series=[
                Serie(nom, [v if v is None or isinstance(v, int | Decimal) else Decimal(v) for v in valeurs])
                for nom, valeurs in series.items()
            ],
            unite=unite,
        )
    )
