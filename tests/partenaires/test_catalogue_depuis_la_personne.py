"""Prescribing from a parcours: the catalogue starts from the person's commune, two actions of the same name say
which is which, a full action offers no «Prescrire», and the prescriber's message reaches the partner."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from parcours.choices import EtatPrescription as E
from parcours.models import Prescription
from tests.pacte.factories import CommuneFactory, SiteFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import PartenaireFactory, action_ouverte

pytestmark = pytest.mark.django_db


@pytest.fixture
def parcours(travailleur):
    mdd = travailleur.mdds.first()
    commune = CommuneFactory(nom="Châlus", mdd=mdd)
    return ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(commune=commune))


def _catalogue(client, **params):
    return client.get(reverse("partenaires:catalogue"), params)


def test_le_catalogue_part_de_la_commune_de_la_personne(client, travailleur, parcours):
    commune = parcours.beneficiaire.commune
    proche = action_ouverte(intitule="Atelier à Châlus")
    proche.sites.add(SiteFactory(commune=commune, mdd=commune.mdd))
    action_ouverte(intitule="Atelier ailleurs")
    client.force_login(travailleur)
    reponse = _catalogue(client, parcours=parcours.pk)
    assert reponse.context["filtre"].form.cleaned_data["commune"] == commune
    assert [ligne["intitule"] for ligne in reponse.context["lignes"]][0] == "Atelier à Châlus"
    # «Toutes les communes» chosen by the user stays their choice.
    assert _catalogue(client, parcours=parcours.pk, commune="").context["filtre"].form.cleaned_data["commune"] is None


def test_deux_actions_du_meme_nom_se_distinguent(client, travailleur, parcours):
    action_ouverte(intitule="Remobilisation", partenaire=PartenaireFactory(raison_sociale="Tremplin 87"))
    action_ouverte(intitule="Remobilisation", partenaire=PartenaireFactory(raison_sociale="Cap Avenir"))
    client.force_login(travailleur)
    contenu = _catalogue(client, parcours=parcours.pk).content.decode()
    assert "Tremplin 87 — " in contenu and "Cap Avenir — " in contenu
    assert escape("« Remobilisation — Cap Avenir") in contenu


def test_une_action_complete_ne_propose_pas_prescrire(client, travailleur, parcours):
    complete = action_ouverte(intitule="Chantier complet", places=1)
    PrescriptionFactory(
        action=complete, etat=E.ENTREE, date_proposition=complete.date_debut, date_entree=complete.date_debut
    )
    client.force_login(travailleur)
    contenu = _catalogue(client, parcours=parcours.pk, commune="").content.decode()
    assert reverse("partenaires:prescrire", args=[complete.pk]) not in contenu
    assert "Action complète" in contenu


def test_le_message_au_partenaire_accompagne_la_prescription(client, travailleur, parcours):
    action = action_ouverte()
    client.force_login(travailleur)
    reponse = client.post(
        reverse("partenaires:prescrire", args=[action.pk]),
        {"parcours": parcours.pk, "message_au_partenaire": "Disponible le matin, sans véhicule."},
    )
    assert reponse.status_code == 302
    assert Prescription.objects.get().message_au_partenaire == "Disponible le matin, sans véhicule."
