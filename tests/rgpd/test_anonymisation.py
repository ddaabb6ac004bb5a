"""anonymiser_parcours: dry run by default; after the delay a closed pathway loses every identifying field,
its history included, while every counted row stays (aggregates unchanged)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from parcours.models import Beneficiaire, Note, Orientation, Parcours, Prescription, Sortie
from parcours.rgpd import a_anonymiser, anonymiser, donnees_de_la_personne
from tests.parcours.factories import (
    BeneficiaireFactory,
    FreinFactory,
    NoteFactory,
    OrientationFactory,
    ParcoursFactory,
    PrescriptionFactory,
)

pytestmark = pytest.mark.django_db
AUJOURDHUI = datetime.date(2026, 11, 28)


def _parcours_clos(date_sortie, **kwargs):
    parcours = ParcoursFactory(
        date_entree=datetime.date(2020, 1, 1), date_ouverture_droit=datetime.date(2019, 12, 1), **kwargs
    )
    OrientationFactory(
        parcours=parcours, date_decision=datetime.date(2020, 1, 20), motif="Souhaite travailler chez Dupont"
    )
    NoteFactory(parcours=parcours, texte="Mme Martin vit avec son frère Paul.")
    FreinFactory(parcours=parcours, categorie="sante", commentaire="voir avec la PMI")
    PrescriptionFactory(parcours=parcours, etat="refusee", motif="Préfère rester chez elle")
    Sortie.objects.create(parcours=parcours, date=date_sortie, type="emploi_durable", commentaire="CDI chez Dupont")
    Parcours.objects.filter(pk=parcours.pk).update(date_sortie=date_sortie)
    return parcours


def _agregats():
    return {
        "parcours": Parcours.objects.count(),
        "sorties": dict(Sortie.objects.values_list("type").annotate(n=Count("pk"))),
        "orientations": dict(Orientation.objects.values_list("type").annotate(n=Count("pk"))),
        "prescriptions": dict(Prescription.objects.values_list("etat").annotate(n=Count("pk"))),
        "par_sexe": dict(Beneficiaire.objects.values_list("sexe").annotate(n=Count("pk"))),
        "par_annee": sorted(Beneficiaire.objects.values_list("date_naissance__year", flat=True)),
        "par_mdd": dict(Parcours.objects.values_list("mdd").annotate(n=Count("pk"))),
    }


def test_seules_les_personnes_sorties_depuis_plus_que_le_delai_sont_concernees():
    ancien = _parcours_clos(datetime.date(2023, 6, 30))
    _parcours_clos(datetime.date(2025, 6, 30))  # closed 17 months ago: kept
    ParcoursFactory()  # open
    revenu = _parcours_clos(datetime.date(2022, 1, 31))
    ParcoursFactory(beneficiaire=revenu.beneficiaire)  # came back: still followed
    assert list(a_anonymiser(AUJOURDHUI, 730)) == [ancien.beneficiaire]


def test_l_essai_a_blanc_ne_change_rien():
    parcours = _parcours_clos(datetime.date(2023, 6, 30))
    out = StringIO()
    call_command("anonymiser_parcours", stdout=out)
    assert "Essai à blanc : 1 personne(s)" in out.getvalue()
    parcours.beneficiaire.refresh_from_db()
    assert parcours.beneficiaire.nom != "ANONYME"
    assert parcours.beneficiaire.anonymise_le is None


def test_l_anonymisation_efface_l_identite_les_textes_libres_et_l_historique_mais_garde_les_agregats():
    parcours = _parcours_clos(datetime.date(2023, 6, 30), beneficiaire=BeneficiaireFactory(telephone="0555000000"))
    garde = ParcoursFactory()
    avant = _agregats()

    bilan = anonymiser(AUJOURDHUI, 730, appliquer=True)

    assert (bilan.beneficiaires, bilan.parcours) == (1, 1)
    assert _agregats() == avant
    personne = Beneficiaire.objects.get(pk=parcours.beneficiaire_id)
    assert (personne.nom, personne.prenom, personne.telephone, personne.adresse) == ("ANONYME", "", "", "")
    assert personne.date_naissance.month == 1 and personne.date_naissance.day == 1
    assert personne.anonymise_le is not None
    assert Note.objects.get(parcours=parcours).texte == "[anonymisé]"
    assert Orientation.objects.get(parcours=parcours).motif == ""
    assert Sortie.objects.get(parcours=parcours).commentaire == ""
    assert Prescription.objects.get(parcours=parcours).motif == ""
    assert not Beneficiaire.history.filter(id=personne.pk).exists()
    assert not Orientation.history.filter(parcours_id=parcours.pk).exists()
    garde.beneficiaire.refresh_from_db()
    assert garde.beneficiaire.nom != "ANONYME"
    # Twice = once: nothing left to anonymise.
    assert anonymiser(AUJOURDHUI, 730, appliquer=True).beneficiaires == 0


def test_le_droit_d_acces_rassemble_tout_ce_que_l_application_sait_de_la_personne():
    parcours = _parcours_clos(datetime.date(2023, 6, 30))
    donnees = donnees_de_la_personne(parcours.beneficiaire)
    assert donnees["personne"]["nom"] == parcours.beneficiaire.nom
    (p,) = donnees["parcours"]
    assert p["date_sortie"] == "30/06/2023"
    assert p["notes"][0]["texte"] == "Mme Martin vit avec son frère Paul."
    assert p["freins"][0]["categorie"] == "sante"
    assert p["prescriptions"][0]["etat"] == "refusee"
    assert p["sorties"][0]["type"] == "emploi_durable"


@pytest.mark.parametrize(
    "trait", ["travailleur_social", "referent_thematique", "charge_orientation", "partenaire_user"]
)
def test_seul_l_administrateur_exporte_le_droit_d_acces(client, trait):
    from tests.pacte.factories import UserFactory

    parcours = _parcours_clos(datetime.date(2023, 6, 30))
    client.force_login(UserFactory(**{trait: True}))
    assert client.get(f"/rgpd/droit-d-acces/{parcours.beneficiaire_id}/").status_code == 404


def test_l_export_du_droit_d_acces_est_journalise(client):
    from pacte.models import JournalAcces
    from tests.pacte.factories import UserFactory

    parcours = _parcours_clos(datetime.date(2023, 6, 30))
    admin = UserFactory(administrateur=True)
    client.force_login(admin)
    page = client.get("/rgpd/droit-d-acces/", {"numero_allocataire": parcours.beneficiaire.numero_allocataire})
    assert parcours.beneficiaire.nom.upper() in page.content.decode()
    response = client.get(f"/rgpd/droit-d-acces/{parcours.beneficiaire_id}/")
    assert response.status_code == 200
    assert response.json()["personne"]["numero_allocataire"] == parcours.beneficiaire.numero_allocataire
    entree = JournalAcces.objects.get(nature="export")
    assert (entree.utilisateur, entree.beneficiaire_id) == (admin, parcours.beneficiaire_id)
    assert client.get("/rgpd/droit-d-acces/", {"numero_allocataire": "12ab"}).status_code == 200
