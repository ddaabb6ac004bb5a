"""The decision by a delegate within the scale, refused in French with nothing written; the remobilisation, the
lost amounts, the letters and the CAF/MSA file."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError

from droits.decisions import decider
from droits.ep import inscrire_dossier, rendre_avis
from droits.export_organisme import en_csv, exporter, neutraliser
from droits.manquements import ouvrir_manquement
from droits.models import Decision, MouvementOrganisme, TransitionManquement
from droits.pdf import courrier_decision, courrier_information, courrier_rappel
from droits.remobilisation import constater_fins, remobiliser
from tests.droits.factories import DelegationFactory, manquement_informe, seance_avec_quorum

APRES_DELAI = datetime.date(2025, 10, 6)


@pytest.fixture
def delegataire(mdd):
    return DelegationFactory(utilisateur__mdds=[mdd]).utilisateur


def _en_ep(parcours, agent, presents=3):
    manquement = manquement_informe(parcours, agent)
    dossier = inscrire_dossier(seance_avec_quorum(parcours.mdd.territoire, presents=presents), manquement, par=agent)
    return manquement, dossier


def _suspendre(manquement, par, **kwargs):
    valeurs = {
        "nature": "suspension",
        "par": par,
        "date_decision": APRES_DELAI,
        "motivation": "Absence sans motif.",
        "taux": 50,
        "duree_mois": 2,
        "date_debut": datetime.date(2025, 10, 10),
    }
    return decider(manquement, **{**valeurs, **kwargs})


@pytest.mark.django_db
def test_la_suspension_decidee_apres_avis_ouvre_un_mouvement_et_son_courrier(parcours, agent, delegataire):
    manquement, dossier = _en_ep(parcours, agent)
    rendre_avis(
        dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="Unanime", taux=50, duree=2
    )
    decision = _suspendre(manquement, delegataire)
    assert (decision.date_fin, decision.dossier_ep, decision.delegation.utilisateur) == (
        datetime.date(2025, 12, 9),
        dossier,
        delegataire,
    )
    manquement.refresh_from_db()
    assert manquement.etat == "suspendu"
    assert list(MouvementOrganisme.objects.values_list("nature", flat=True)) == ["suspension"]
    for pdf in (courrier_information(manquement), courrier_decision(decision)):
        assert pdf.startswith(b"%PDF")


def _refus(parcours, agent, delegataire, cas):
    """Each case builds its manquement and returns the call that must be refused."""
    if cas == "pas_de_delegation":
        manquement, dossier = _en_ep(parcours, agent)
        rendre_avis(
            dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="x", taux=50, duree=2
        )
        return lambda: _suspendre(manquement, agent), "Votre rôle ne permet pas"
    if cas == "delegation_echue":
        delegataire.delegations.update(date_fin=datetime.date(2025, 9, 30))
        manquement, dossier = _en_ep(parcours, agent)
        rendre_avis(dossier, avis="sans_sanction", votes_pour=3, votes_contre=0, abstentions=0, motivation="x")
        return lambda: decider(
            manquement, nature="sans_sanction", par=delegataire, date_decision=APRES_DELAI, motivation="x"
        ), "pas de délégation"
    manquement = manquement_informe(parcours, agent)
    if cas == "delai":
        return lambda: _suspendre(
            manquement, delegataire, date_decision=datetime.date(2025, 10, 1)
        ), "jusqu'au 02/10/2025"
    if cas == "sans_avis_ep":
        return lambda: _suspendre(manquement, delegataire), "avis de l'équipe pluridisciplinaire"
    raise AssertionError(cas)


@pytest.mark.django_db
@pytest.mark.parametrize("cas", ["pas_de_delegation", "delegation_echue", "delai", "sans_avis_ep"])
def test_une_decision_interdite_est_refusee_en_francais_sans_rien_ecrire(parcours, agent, delegataire, cas):
    appel, message = _refus(parcours, agent, delegataire, cas)
    transitions = TransitionManquement.objects.count()
    with pytest.raises(ValidationError, match=message):
        appel()
    assert not Decision.objects.exists() and not MouvementOrganisme.objects.exists()
    assert TransitionManquement.objects.count() == transitions


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"taux": 60, "foyer_plusieurs_personnes": True}, "ne peut dépasser 50 % \\(art. R262-68-6\\)"),
        ({"taux": 25}, "de 30 à 100 %"),
        ({"duree_mois": 3}, "de 1 à 2 mois \\(premier manquement"),
        ({"date_debut": datetime.date(2025, 10, 1)}, "au plus tôt le jour de la décision"),
        ({"motivation": ""}, "Motivez la décision"),
    ],
)
def test_une_suspension_hors_bareme_est_refusee(parcours, agent, delegataire, kwargs, message):
    manquement, dossier = _en_ep(parcours, agent)
    rendre_avis(
        dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="x", taux=50, duree=2
    )
    with pytest.raises(ValidationError, match=message):
        _suspendre(manquement, delegataire, **kwargs)
    assert not Decision.objects.exists()
    manquement.refresh_from_db()
    assert manquement.etat == "en_ep"


@pytest.mark.django_db
def test_un_manquement_reitere_permet_quatre_mois(parcours, agent, delegataire):
    premier, dossier = _en_ep(parcours, agent)
    rendre_avis(
        dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="x", taux=30, duree=1
    )
    _suspendre(premier, delegataire, duree_mois=1)
    second = ouvrir_manquement(
        parcours,
        nature="refus_action",
        faits="Refus de l'atelier.",
        date_constat=datetime.date(2025, 11, 20),
        par=agent,
    )
    assert second.reiteration is True


@pytest.mark.django_db
def test_la_remobilisation_leve_la_suspension_et_notifie_le_rappel(parcours, agent, delegataire):
    manquement, dossier = _en_ep(parcours, agent)
    rendre_avis(
        dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="x", taux=50, duree=2
    )
    decision = _suspendre(manquement, delegataire)
    with pytest.raises(ValidationError, match="Indiquez comment"):
        remobiliser(decision, date=datetime.date(2025, 10, 20), motif="", par=agent)
    remobiliser(decision, date=datetime.date(2025, 10, 20), motif="rendez_vous", par=agent)
    manquement.refresh_from_db()
    assert manquement.etat == "remobilise" and decision.date_cloture == datetime.date(2025, 10, 20)
    assert courrier_rappel(decision).startswith(b"%PDF")
    assert constater_fins(datetime.date(2026, 1, 1)) == 0
    export, lignes = exporter(Decision.objects.all(), organisme="caf", par=delegataire)
    assert (export.lignes, [m.nature for m in lignes]) == (2, ["suspension", "levee"])
    assert exporter(Decision.objects.all(), organisme="caf", par=delegataire) == (None, [])  # never sent twice


@pytest.mark.django_db
def test_sans_remobilisation_la_fin_est_constatee_et_les_montants_perdus(parcours, agent, delegataire):
    manquement, dossier = _en_ep(parcours, agent)
    rendre_avis(
        dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="x", taux=50, duree=2
    )
    _suspendre(manquement, delegataire)
    assert constater_fins(datetime.date(2025, 12, 9)) == 0  # the last day of the suspension
    assert constater_fins(datetime.date(2025, 12, 10)) == 1
    manquement.refresh_from_db()
    assert manquement.etat == "perdu"
    assert MouvementOrganisme.objects.filter(nature="fin", date_effet=datetime.date(2025, 12, 10)).exists()


@pytest.mark.django_db
def test_le_fichier_caf_neutralise_les_formules(parcours, agent, delegataire):
    parcours.beneficiaire.nom = "=HYPERLINK(1)"
    parcours.beneficiaire.save()
    manquement, dossier = _en_ep(parcours, agent)
    rendre_avis(
        dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="x", taux=50, duree=2
    )
    _suspendre(manquement, delegataire)
    _, lignes = exporter(Decision.objects.all(), organisme="caf", par=delegataire)
    contenu = list(csv.reader(io.StringIO(en_csv(lignes).decode("utf-8-sig")), delimiter=";"))
    assert contenu[0][:3] == ["organisme", "numero_allocataire", "qualite"]
    assert contenu[1][3] == "'=HYPERLINK(1)" and contenu[1][6:9] == ["suspension", "10/10/2025", "50"]
    assert neutraliser("-3") == "'-3" and neutraliser("Dupont") == "Dupont"
