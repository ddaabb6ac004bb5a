"""The catalogue of open actions, and prescribing from a parcours in two clicks."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from pacte.models import JournalAcces
from parcours.choices import EtatPrescription as E
from parcours.models import Prescription
from tests.pacte.factories import (
    CommuneFactory,
    MDDFactory,
    SiteFactory,
    TerritoireFactory,
    ThematiqueFactory,
    UserFactory,
)
from tests.parcours.factories import ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, action_ouverte

pytestmark = pytest.mark.django_db

INCONNUE = "VARIABLE INCONNUE"


def test_catalogue_montre_les_actions_ouvertes_seulement(client, travailleur):
    ouverte = action_ouverte(intitule="Atelier mobilité")
    finie = ActionFactory(
        intitule="Ancienne action", date_debut=datetime.date(2020, 1, 1), date_fin=datetime.date(2021, 1, 1)
    )
    suspendue = action_ouverte(intitule="Action suspendue", statut="suspendue")
    client.force_login(travailleur)
    contenu = client.get(reverse("partenaires:catalogue")).content.decode()
    assert ouverte.intitule in contenu
    assert finie.intitule not in contenu and suspendue.intitule not in contenu
    assert INCONNUE not in contenu


def test_catalogue_recherche_par_mots_thematique_et_places(client, travailleur):
    thematique = ThematiqueFactory()
    bois = action_ouverte(intitule="Chantier bois", places=1)
    PrescriptionFactory(action=bois, etat=E.ENTREE, date_proposition=bois.date_debut, date_entree=bois.date_debut)
    numerique = action_ouverte(intitule="Atelier numérique", objectif__thematique=thematique)
    client.force_login(travailleur)
    url = reverse("partenaires:catalogue")
    assert "Atelier numérique" not in client.get(url, {"q": "bois"}).content.decode()
    contenu = client.get(url, {"thematique": thematique.pk}).content.decode()
    assert numerique.intitule in contenu and "Chantier bois" not in contenu
    contenu = client.get(url, {"places_libres": "oui"}).content.decode()
    assert numerique.intitule in contenu and "Chantier bois" not in contenu


def test_catalogue_par_commune_met_d_abord_les_actions_qui_la_desservent(client, travailleur):
    territoire = TerritoireFactory()
    commune = CommuneFactory(mdd=MDDFactory(territoire=territoire))
    site = SiteFactory(mdd=commune.mdd, commune=commune)
    loin = action_ouverte(intitule="A loin")
    sur_territoire = action_ouverte(intitule="B territoire")
    sur_territoire.territoires.add(territoire)
    sur_site = action_ouverte(intitule="C site")
    sur_site.sites.add(site)
    client.force_login(travailleur)
    contenu = client.get(reverse("partenaires:catalogue"), {"commune": commune.pk}).content.decode()
    assert contenu.index("C site") < contenu.index("B territoire") < contenu.index("A loin")
    assert loin.intitule in contenu


def test_catalogue_a_un_nombre_de_requetes_constant(client, travailleur, django_assert_max_num_queries):
    client.force_login(travailleur)
    site = SiteFactory()
    territoire = TerritoireFactory()

    def creer(n):
        for _ in range(n):
            action = action_ouverte()
            action.sites.add(site)
            action.territoires.add(territoire)
            PrescriptionFactory(
                action=action, etat=E.ENTREE, date_proposition=action.date_debut, date_entree=action.date_debut
            )

    creer(5)
    # 14 on a cold cache: the pact in force and the département's brand, each read once a minute per process.
    with django_assert_max_num_queries(14):
        client.get(reverse("partenaires:catalogue"))
    creer(45)
    with django_assert_max_num_queries(13):
        client.get(reverse("partenaires:catalogue"))


def test_partenaire_n_a_pas_acces_au_catalogue(client):
    client.force_login(UserFactory(partenaire_user=True))
    assert client.get(reverse("partenaires:catalogue")).status_code == 404


def test_prescrire_depuis_un_parcours_en_deux_clics(client, travailleur):
    parcours = ParcoursFactory(mdd=travailleur.mdds.first())
    action = action_ouverte()
    client.force_login(travailleur)
    contenu = client.get(reverse("partenaires:catalogue"), {"parcours": parcours.pk}).content.decode()
    lien = f"{reverse('partenaires:prescrire', args=[action.pk])}?parcours={parcours.pk}"
    assert escape(lien) in contenu
    assert client.get(lien).status_code == 200
    reponse = client.post(reverse("partenaires:prescrire", args=[action.pk]), {"parcours": parcours.pk})
    assert reponse.status_code == 302
    prescription = Prescription.objects.get()
    assert (prescription.parcours, prescription.action, prescription.etat) == (parcours, action, E.PROPOSEE)
    assert JournalAcces.objects.filter(utilisateur=travailleur, beneficiaire_id=parcours.beneficiaire_id).exists()


def test_prescrire_pour_un_parcours_hors_perimetre_404(client, travailleur):
    parcours = ParcoursFactory()
    action = action_ouverte()
    client.force_login(travailleur)
    assert client.get(reverse("partenaires:catalogue"), {"parcours": parcours.pk}).status_code == 404
    reponse = client.post(reverse("partenaires:prescrire", args=[action.pk]), {"parcours": parcours.pk})
    assert reponse.status_code == 404
    assert not Prescription.objects.exists()


def test_prescrire_sur_une_action_complete_demande_un_motif(client, travailleur):
    parcours = ParcoursFactory(mdd=travailleur.mdds.first())
    action = action_ouverte(places=1)
    PrescriptionFactory(action=action, etat=E.ENTREE, date_proposition=action.date_debut, date_entree=action.date_debut)
    client.force_login(travailleur)
    url = reverse("partenaires:prescrire", args=[action.pk])
    reponse = client.post(url, {"parcours": parcours.pk})
    assert "Indiquez le motif" in reponse.content.decode()
    assert not Prescription.objects.filter(parcours=parcours).exists()
    reponse = client.post(url, {"parcours": parcours.pk, "motif_hors_capacite": "Sortie imminente d'un participant"})
    assert reponse.status_code == 302
    assert Prescription.objects.filter(parcours=parcours).exists()


def test_prescrire_sur_une_action_fermee_refuse(client, travailleur):
    parcours = ParcoursFactory(mdd=travailleur.mdds.first())
    action = ActionFactory(date_debut=datetime.date(2020, 1, 1), date_fin=datetime.date(2021, 1, 1))
    client.force_login(travailleur)
    reponse = client.post(reverse("partenaires:prescrire", args=[action.pk]), {"parcours": parcours.pk})
    assert "n&#x27;est pas ouverte" in reponse.content.decode()
    assert not Prescription.objects.exists()


def test_catalogue_filtre_par_site(client, travailleur):
    site = SiteFactory()
    sur_site = action_ouverte(intitule="Action du site")
    sur_site.sites.add(site)
    action_ouverte(intitule="Action ailleurs")
    client.force_login(travailleur)
    contenu = client.get(reverse("partenaires:catalogue"), {"site": site.pk}).content.decode()
    assert "Action du site" in contenu and "Action ailleurs" not in contenu


def test_catalogue_les_listes_de_filtres_gardent_le_choix(client, travailleur):
    thematique = ThematiqueFactory()
    client.force_login(travailleur)
    contenu = client.get(
        reverse("partenaires:catalogue"), {"thematique": thematique.pk, "places_libres": "oui"}
    ).content.decode()
    assert f'<option value="{thematique.pk}" selected>{thematique}</option>' in contenu
    assert '<option value="oui" selected>Seulement les actions avec des places libres</option>' in contenu
    assert '<option value="">Toutes les thématiques</option>' in contenu
