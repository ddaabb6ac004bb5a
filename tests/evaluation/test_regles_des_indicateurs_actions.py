"""The «Actions» indicators, rule by rule, each on a small data set whose expected figure is counted by hand.

Written from the fiches (evaluation/indicateurs/fiches_actions.py); the period is the year 2025.
"""

import datetime
from decimal import Decimal

import pytest

from evaluation.indicateurs import Filtres, calculer_indicateurs, occupation_par_action
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, FinancementFactory, VersementFactory

pytestmark = pytest.mark.django_db

DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
J = datetime.date


def _valeur(code, debut=DEBUT, fin=FIN, filtres=None):
    return calculer_indicateurs(debut, fin, filtres or Filtres())[code].valeur


def _presence(action, entree, sortie=None, etat=None, parcours=None):
    return PrescriptionFactory(
        action=action,
        parcours=parcours or ParcoursFactory(date_entree=J(2023, 1, 1)),
        etat=etat or ("sortie" if sortie else "entree"),
        date_proposition=entree,
        date_entree=entree,
        date_sortie=sortie,
    )


def test_une_entree_sans_date_de_sortie_ne_participe_plus_apres_la_fin_de_son_action():
    ancienne = ActionFactory(date_debut=J(2023, 1, 1), date_fin=J(2023, 12, 31), financement=None)
    courante = ActionFactory(date_debut=J(2025, 1, 1), date_fin=J(2025, 12, 31), financement=None)
    _presence(ancienne, J(2023, 3, 1))  # «entrée» for ever in the data: the action ended in 2023
    _presence(courante, J(2025, 5, 1))
    # By hand: one person present in 2025 (the second); the first left with the end of her action.
    assert _valeur("participants") == 1


def test_un_refus_ou_un_abandon_avant_l_entree_n_est_pas_une_participation():
    action = ActionFactory(date_debut=J(2025, 1, 1), date_fin=J(2025, 12, 31))
    PrescriptionFactory(action=action, etat="abandon", date_proposition=J(2025, 2, 1))
    PrescriptionFactory(action=action, etat="refusee", date_proposition=J(2025, 2, 1))
    _presence(action, J(2025, 2, 1), J(2025, 3, 1))
    assert _valeur("participants") == 1


def test_un_abandon_apres_l_entree_ne_participe_pas_pour_toujours():
    action = ActionFactory(date_debut=J(2024, 1, 1), date_fin=J(2027, 12, 31))
    _presence(action, J(2024, 3, 1), etat="abandon")  # no date: present on its entry day only
    _presence(action, J(2024, 3, 1), J(2025, 2, 1), etat="abandon")  # abandoned in 2025: present in 2025
    _presence(action, J(2025, 6, 1), etat="abandon")
    assert _valeur("participants") == 2
    assert _valeur("participants", J(2024, 1, 1), J(2024, 12, 31)) == 2


def test_une_personne_dans_deux_actions_ou_avec_deux_parcours_compte_une_fois():
    personne = BeneficiaireFactory()
    premier = ParcoursFactory(beneficiaire=personne, date_entree=J(2024, 1, 1), date_sortie=J(2025, 3, 1))
    second = ParcoursFactory(beneficiaire=personne, date_entree=J(2025, 4, 1))
    a, b = ActionFactory(), ActionFactory()
    _presence(a, J(2025, 1, 10), J(2025, 2, 28), parcours=premier)
    _presence(b, J(2025, 5, 1), parcours=second)
    assert _valeur("participants") == 1


def test_une_sortie_avant_la_periode_ou_une_entree_apres_ne_participent_pas():
    action = ActionFactory(date_debut=J(2024, 1, 1), date_fin=J(2027, 1, 1))
    _presence(action, J(2024, 2, 1), J(2024, 12, 31))
    _presence(action, J(2026, 1, 1))
    _presence(action, J(2024, 6, 1), J(2025, 1, 1))  # out on the first day: present that day
    assert _valeur("participants") == 1


def test_l_occupation_compare_les_presents_et_les_places_des_memes_actions_en_cours():
    terminee = ActionFactory(date_debut=J(2024, 1, 1), date_fin=J(2025, 6, 30), places=10)
    en_cours = ActionFactory(date_debut=J(2025, 1, 1), date_fin=J(2026, 6, 30), places=8)
    sans_place = ActionFactory(date_debut=J(2025, 1, 1), date_fin=J(2026, 6, 30), places=0)
    for _ in range(5):
        _presence(terminee, J(2025, 2, 1))  # never marked out: the action ended in June
    _presence(en_cours, J(2025, 3, 1))
    _presence(en_cours, J(2025, 3, 1), J(2025, 12, 31))  # out on the last day: not present that day
    _presence(en_cours, J(2025, 3, 1), etat="abandon")
    _presence(sans_place, J(2025, 3, 1))
    # By hand: on 31/12/2025, 1 present in the only running action with places, which has 8 places.
    assert _valeur("taux_occupation") == Decimal("12.5")


def test_une_action_au_dela_de_ses_places_est_montree_et_signalee():
    action = ActionFactory(date_debut=J(2025, 1, 1), date_fin=J(2026, 6, 30), places=2)
    for _ in range(3):
        _presence(action, J(2025, 3, 1))
    indicateur = calculer_indicateurs(DEBUT, FIN)["taux_occupation"]
    assert indicateur.valeur == Decimal("150.0")
    assert "100 %" in indicateur.alerte
    ligne = occupation_par_action(FIN)[0]
    assert (ligne["taux"], bool(ligne["alerte"])) == (Decimal("150.0"), True)


def test_sans_action_en_cours_l_occupation_n_est_pas_disponible():
    ActionFactory(date_debut=J(2023, 1, 1), date_fin=J(2024, 6, 30))
    assert _valeur("taux_occupation") is None


def test_le_budget_compte_les_financements_en_cours_meme_sans_action():
    ActionFactory(financement=FinancementFactory(montant_conventionne=Decimal("30000")))
    FinancementFactory(montant_conventionne=Decimal("12000"))  # no action attached
    FinancementFactory(date_debut=J(2022, 1, 1), date_fin=J(2024, 12, 31), montant_conventionne=Decimal("99"))
    assert _valeur("budget_conventionne") == Decimal("42000.00")


def test_un_solde_verse_l_annee_suivante_compte_l_annee_de_son_paiement():
    finie = FinancementFactory(date_debut=J(2024, 1, 1), date_fin=J(2024, 12, 31), montant_conventionne=Decimal(9))
    VersementFactory(financement=finie, nature="avance", date=J(2024, 3, 1), montant=Decimal("6000"))
    VersementFactory(financement=finie, nature="solde", date=J(2025, 2, 15), montant=Decimal("4000"))
    courante = FinancementFactory(montant_conventionne=Decimal("20000"))
    VersementFactory(financement=courante, nature="avance", date=J(2025, 1, 15), montant=Decimal("1000"))
    # By hand: 4,000 + 1,000 paid in 2025; 20,000 agreed on the running financement; 5,000 / 20,000 = 25 %.
    assert _valeur("budget_verse") == Decimal("5000.00")
    assert _valeur("taux_consommation") == Decimal("25.0")
    assert _valeur("budget_verse", J(2024, 1, 1), J(2024, 12, 31)) == Decimal("6000.00")


def test_le_cout_par_participant_rapporte_les_versements_aux_participants():
    financement = FinancementFactory(montant_conventionne=Decimal("10000"))
    action = ActionFactory(financement=financement, date_debut=J(2025, 1, 1), date_fin=J(2025, 12, 31))
    VersementFactory(financement=financement, nature="avance", date=J(2025, 2, 1), montant=Decimal("3000"))
    for _ in range(4):
        _presence(action, J(2025, 3, 1))
    PrescriptionFactory(action=action, etat="refusee", date_proposition=J(2025, 2, 1))
    # By hand: 3,000 € paid in 2025 for 4 participants.
    assert _valeur("cout_par_participant") == Decimal("750.00")


def test_avec_un_filtre_de_thematique_le_financement_sans_action_ne_compte_pas():
    action = ActionFactory(financement=FinancementFactory(montant_conventionne=Decimal("30000")))
    FinancementFactory(montant_conventionne=Decimal("12000"))
    assert _valeur("budget_conventionne", filtres=Filtres(thematique=action.thematique_id)) == Decimal("30000.00")


def test_une_periode_vide_donne_zero_pour_les_comptes_et_non_disponible_pour_les_taux():
    indicateurs = calculer_indicateurs(J(2030, 1, 1), J(2030, 12, 31))
    assert indicateurs["participants"].valeur == 0
    for code in ("taux_occupation", "budget_conventionne", "budget_verse", "taux_consommation"):
        assert indicateurs[code].valeur is None, code
    assert indicateurs["cout_par_participant"].valeur is None


def test_un_abandon_sans_date_entre_avant_le_debut_de_l_action_n_est_pas_une_participation():
    # Found by the property-based comparison: the entry day of an undated abandon is its only day of presence, and
    # a presence never starts before the action does (fiche «participants»).
    action = ActionFactory(date_debut=J(2025, 6, 1), date_fin=J(2025, 12, 31), financement=None)
    _presence(action, J(2025, 3, 1), etat="abandon")
    _presence(action, J(2025, 7, 1), etat="abandon")
    assert _valeur("participants") == 1
