"""Statistical secrecy for open-data tables: primary and secondary suppression.

Primary: every cell (totals included) counting 1 to 4 people is masked. Secondary: more cells are
masked until no masked value can be recomputed from the published ones. With the totals written as
one more row and column, every line reads "sum of its cells minus its total = 0"; a masked cell is
then recoverable exactly when, in the graph whose nodes are lines and columns and whose edges are the
masked cells, that edge lies on no cycle (a bridge). So: (1) no line may hold exactly one masked
cell, (2) no masked cell may be a bridge; each fix masks the smallest other cell that closes a cycle.
"""

from dataclasses import dataclass

SEUIL = 5
SECRET = "secret statistique"


@dataclass
class Cellule:
    valeur: int
    masquee: bool = False

    @property
    def affichage(self):
        return SECRET if self.masquee else self.valeur


def tableau_avec_totaux(valeurs: list[list[int]]) -> list[list[int]]:
    lignes = [[*ligne, sum(ligne)] for ligne in valeurs]
    nb_colonnes = len(lignes[0]) if lignes else 1
    total = [sum(ligne[j] for ligne in lignes) for j in range(nb_colonnes)]
    return [*lignes, total]


def _composante(masque, depart, exclue):
    """Nodes reachable from `depart` through masked cells other than `exclue`. Nodes: ("l", i) or ("c", j)."""
    vus = {depart}
    pile = [depart]
    while pile:
        genre, k = pile.pop()
        for i, j in masque:
            if (i, j) == exclue:
                continue
            voisin = None
            if genre == "l" and i == k:
                voisin = ("c", j)
            elif genre == "c" and j == k:
                voisin = ("l", i)
            if voisin is not None and voisin not in vus:
                vus.add(voisin)
                pile.append(voisin)
    return vus


def _plus_petite(candidates, table):
    # The smallest non-zero value first: it hides the most with the least information lost.
    return min(candidates, key=lambda c: (table[c[0]][c[1]] == 0, table[c[0]][c[1]], c))


def masquer(valeurs: list[list[int]], seuil: int = SEUIL) -> list[list[Cellule]]:
    """The table with its totals (last row and column), each cell masked or not."""
    table = tableau_avec_totaux(valeurs)
    nb_l, nb_c = len(table), len(table[0])
    cellules = [(i, j) for i in range(nb_l) for j in range(nb_c)]
    masque = {(i, j) for i, j in cellules if 0 < table[i][j] < seuil}
    while True:
        ajout = None
        lignes = [[(i, j) for j in range(nb_c)] for i in range(nb_l)] + [
            [(i, j) for i in range(nb_l)] for j in range(nb_c)
        ]
        for ligne in lignes:
            masquees = [c for c in ligne if c in masque]
            if len(masquees) == 1:
                libres = [c for c in ligne if c not in masque]
                if libres:
                    ajout = _plus_petite(libres, table)
                    break
        if ajout is None:
            for i, j in sorted(masque):
                cote_ligne = _composante(masque, ("l", i), (i, j))
                if ("c", j) in cote_ligne:
                    continue
                cote_colonne = _composante(masque, ("c", j), (i, j))
                candidates = [
                    (a, b)
                    for a, b in cellules
                    if (a, b) not in masque
                    and (
                        (("l", a) in cote_ligne and ("c", b) in cote_colonne)
                        or (("l", a) in cote_colonne and ("c", b) in cote_ligne)
                    )
                ]
                if candidates:
                    ajout = _plus_petite(candidates, table)
                    break
        if ajout is None:
            break
        masque.add(ajout)
    return [[Cellule(table[i][j], (i, j) in masque) for j in range(nb_c)] for i in range(nb_l)]
