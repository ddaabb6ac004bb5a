"""The agenda: créneaux of an MDD site, booking into them without ever two people on one place."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from courriers import agenda
from courriers.models import Creneau, Reservation
from parcours.models import RendezVous
from tests.courriers.factories import CreneauFactory, demain_a
from tests.pacte.factories import UserFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


def test_une_serie_de_creneaux_individuels_se_cree_d_un_coup(site, agent):
    creneaux = agenda.creer_creneaux(
        site=site, nature="individuel", debut=demain_a(9), duree_minutes=30, nombre=4, agent=agent, par=agent
    )
    assert [c.debut.hour * 60 + c.debut.minute for c in creneaux] == [540, 570, 600, 630]
    assert Creneau.objects.filter(site=site, capacite=1, agent=agent).count() == 4


def test_un_entretien_individuel_sans_professionnel_est_refuse(site, agent):
    with pytest.raises(ValidationError) as erreur:
        agenda.creer_creneaux(site=site, nature="individuel", debut=demain_a(), duree_minutes=30, par=agent)
    assert "professionnel" in str(erreur.value)
    assert not Creneau.objects.exists()


def test_la_reservation_remplit_un_rendez_vous_du_parcours(creneau, parcours):
    reservation = agenda.reserver(creneau.pk, parcours)
    rdv = RendezVous.objects.get(parcours=parcours)
    assert reservation.rendez_vous == rdv and rdv.date == creneau.debut and rdv.avec == creneau.agent
    assert rdv.presence == "prevu"


def test_un_creneau_individuel_pris_refuse_une_seconde_personne_sans_rien_ecrire(creneau, parcours):
    agenda.reserver(creneau.pk, parcours)
    autre = ParcoursFactory(mdd=parcours.mdd)
    with pytest.raises(ValidationError, match="vient d'être pris ou est complet"):
        agenda.reserver(creneau.pk, autre)
    assert not RendezVous.objects.filter(parcours=autre).exists()
    assert Reservation.objects.filter(creneau=creneau).count() == 1


def test_la_base_refuse_deux_reservations_de_la_meme_place(creneau, parcours):
    """Two bookings that read the créneau free at the same instant: the constraint lets only one win."""
    Reservation.objects.create(creneau=creneau, parcours=parcours, place=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.create(creneau=creneau, parcours=ParcoursFactory(mdd=parcours.mdd), place=1)


def test_une_information_collective_prend_autant_de_personnes_que_de_places(site, parcours):
    creneau = CreneauFactory(site=site, collectif=True, capacite=2)
    places = [agenda.reserver(creneau.pk, ParcoursFactory(mdd=site.mdd)).place for _ in range(2)]
    assert places == [1, 2]
    with pytest.raises(ValidationError):
        agenda.reserver(creneau.pk, parcours)


def test_annuler_libere_la_place_et_retire_le_rendez_vous(creneau, parcours):
    reservation = agenda.reserver(creneau.pk, parcours)
    agenda.annuler(reservation)
    assert not RendezVous.objects.filter(parcours=parcours).exists()
    assert agenda.reserver(creneau.pk, ParcoursFactory(mdd=parcours.mdd)).place == 1


def test_deplacer_vers_un_creneau_pris_ne_change_rien(site, agent, creneau, parcours):
    reservation = agenda.reserver(creneau.pk, parcours)
    autre = CreneauFactory(site=site, agent=agent, debut=demain_a(14))
    agenda.reserver(autre.pk, ParcoursFactory(mdd=site.mdd))
    with pytest.raises(ValidationError):
        agenda.deplacer(reservation, autre.pk)
    reservation.refresh_from_db()
    assert reservation.annulee_le is None and RendezVous.objects.filter(parcours=parcours).count() == 1


def test_un_creneau_passe_ne_se_reserve_pas(site, agent, parcours):
    passe = CreneauFactory(site=site, agent=agent, debut=demain_a(10, jours=-1))
    with pytest.raises(ValidationError, match="déjà passé"):
        agenda.reserver(passe.pk, parcours)


def test_l_agent_voit_la_semaine_de_sa_mdd_en_requetes_bornees(client, agent, site, django_assert_max_num_queries):
    for heure in range(9, 17):
        c = CreneauFactory(site=site, agent=agent, debut=demain_a(heure))
        agenda.reserver(c.pk, ParcoursFactory(mdd=site.mdd))
    CreneauFactory(debut=demain_a(9))  # another MDD's site: not shown
    client.force_login(agent)
    jour = (demain_a().date()).isoformat()
    with django_assert_max_num_queries(12):
        reponse = client.get(reverse("courriers:agenda"), {"jour": jour})
    assert reponse.status_code == 200
    assert reponse.content.decode().count("(prévu)") == 8
    assert len(reponse.context["jours"][0][1]) == 8


def test_la_vue_du_jour_et_la_creation_de_creneaux(client, agent, site):
    client.force_login(agent)
    debut = demain_a(9).strftime("%Y-%m-%dT%H:%M")
    reponse = client.post(
        reverse("courriers:creer_creneaux"),
        {"site": site.pk, "nature": "collectif", "debut": debut, "duree_minutes": 120, "nombre": 1, "capacite": 12},
    )
    assert reponse.status_code == 302
    assert Creneau.objects.get().capacite == 12
    reponse = client.get(reverse("courriers:agenda"), {"jour": demain_a().date().isoformat(), "vue": "jour"})
    assert "0 / 12" in reponse.content.decode()


def test_un_partenaire_n_a_pas_d_agenda(client):
    client.force_login(UserFactory(role="referent_thematique"))
    assert client.get(reverse("courriers:agenda")).status_code == 404


def test_jour_de_semaine():
    lundi, dimanche_soir = agenda.semaine_de(datetime.date(2026, 12, 3))
    assert lundi == datetime.date(2026, 11, 30) and dimanche_soir == datetime.date(2026, 12, 7)
