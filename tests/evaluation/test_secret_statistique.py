"""Open data: cells under 5 people are masked and cannot be recomputed from the totals."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation.secret import SECRET, masquer


def _rang(matrice):
    lignes = [list(map(Fraction, ligne)) for ligne in matrice]
    rang, colonnes = 0, len(lignes[0]) if lignes else 0
    for c in range(colonnes):
        pivot = next((i for i in range(rang, len(lignes)) if lignes[i][c] != 0), None)
        if pivot is None:
            continue
        lignes[rang], lignes[pivot] = lignes[pivot], lignes[rang]
        for i in range(len(lignes)):
            if i != rang and lignes[i][c] != 0:
                f = lignes[i][c] / lignes[rang][c]
                lignes[i] = [a - f * b for a, b in zip(lignes[i], lignes[rang], strict=True)]
        rang += 1
    return rang


def cellules_recalculables(cellules):
    """Masked cells whose value follows from the published ones (linear algebra on the totals' equations)."""
    nb_l, nb_c = len(cellules), len(cellules[0])
    inconnues = [(i, j) for i in range(nb_l) for j in range(nb_c) if cellules[i][j].masquee]
    if not inconnues:
        return []
    index = {c: k for k, c in enumerate(inconnues)}
    equations = []
    for i in range(nb_l):  # each row: cells - total = 0
        equations.append([0] * len(inconnues))
        for j in range(nb_c):
            if (i, j) in index:
                equations[-1][index[(i, j)]] = -1 if j == nb_c - 1 else 1
    for j in range(nb_c):
        equations.append([0] * len(inconnues))
        for i in range(nb_l):
            if (i, j) in index:
                equations[-1][index[(i, j)]] = -1 if i == nb_l - 1 else 1
    rang = _rang(equations)
    recalculables = []
    for cellule, k in index.items():
        unite = [0] * len(inconnues)
        unite[k] = 1
        if _rang([*equations, unite]) == rang:
            recalculables.append(cellule)
    return recalculables


def test_une_cellule_de_moins_de_5_personnes_est_masquee_et_non_recalculable():
    cellules = masquer([[12, 3, 20], [15, 9, 30], [8, 11, 7]])
    assert cellules[0][1].masquee and cellules[0][1].affichage == SECRET
    assert sum(c.masquee for ligne in cellules for c in ligne) >= 4
    assert cellules_recalculables(cellules) == []


def test_sans_petite_valeur_rien_n_est_masque():
    cellules = masquer([[12, 30], [15, 9]])
    assert not any(c.masquee for ligne in cellules for c in ligne)
    assert cellules[-1][-1].valeur == 66


def test_un_total_de_moins_de_5_est_lui_aussi_masque():
    cellules = masquer([[1, 2], [20, 30]])
    assert cellules[0][2].masquee  # row total 3
    assert cellules_recalculables(cellules) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 14), min_size=2, max_size=4), min_size=1, max_size=5).filter(
        lambda t: len({len(ligne) for ligne in t}) == 1
    )
)
def test_aucune_valeur_masquee_ne_se_recalcule_depuis_les_totaux(valeurs):
    cellules = masquer(valeurs)
    for ligne in cellules:
        for c in ligne:
            if 0 < c.valeur < 5:
                assert c.masquee
    assert cellules_recalculables(cellules) == []


@pytest.mark.django_db
def test_l_export_donnees_ouvertes_masque_les_petites_cellules(client, admin, creer_donnees):
    creer_donnees(3)
    client.force_login(admin)
    contenu = client.get("/evaluation/export/donnees-ouvertes.csv", {"annee": 2025}).content.decode("utf-8-sig")
    assert contenu.splitlines()[0].startswith("Maison du département;Orientation professionnelle")
    assert SECRET in contenu
    assert ";1;" not in contenu and ";2;" not in contenu
