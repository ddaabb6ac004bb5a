"""The «Invitations et convocations» figures, each rule of its fiche on data counted by hand.

Edges: period boundaries in local time (Paris), an SMS and an e-mail to the same person, a person invited twice, a
failed message, a convocation without attendance recorded, a transfer after the period, an empty period.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from courriers import modeles
from courriers.models import Convocation, Creneau, Invitation, Message, Reservation
from evaluation.indicateurs import Filtres, calculer_indicateurs, ventiler_tout
from tests.pacte.factories import MDDFactory, SiteFactory, TerritoireFactory, UserFactory
from tests.parcours.factories import ParcoursFactory, RendezVousFactory, TransfertFactory

pytestmark = pytest.mark.django_db

DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def inviter(parcours, le, canaux=("sms",), statut="envoye"):
    invitation = Invitation.objects.create(parcours=parcours, expire_le=le + datetime.timedelta(days=15))
    Invitation.objects.filter(pk=invitation.pk).update(created_at=le)
    version = modeles.version_courante("87", "invitation")
    for canal in canaux:
        Message.objects.create(
            parcours=parcours,
            nature="invitation",
            canal=canal,
            invitation=invitation,
            version=version,
            objet="Invitation",
            contenu="…",
            statut=statut,
        )
    invitation.refresh_from_db()
    return invitation


def reserver(invitation, debut):
    site = SiteFactory(mdd=invitation.parcours.mdd)
    creneau = Creneau.objects.create(
        site=site, agent=UserFactory(), debut=debut, fin=debut + datetime.timedelta(hours=1)
    )
    reservation = Reservation.objects.create(creneau=creneau, parcours=invitation.parcours, place=1)
    Invitation.objects.filter(pk=invitation.pk).update(reservation=reservation, etat="reservee")
    return reservation


def convoquer(parcours, date, presence):
    rdv = RendezVousFactory(parcours=parcours, date=date, presence=presence)
    return Convocation.objects.create(parcours=parcours, rendez_vous=rdv, date=date)


def valeurs(filtres=None, debut=DEBUT, fin=FIN):
    return {code: ind.valeur for code, ind in calculer_indicateurs(debut, fin, filtres).items()}


def test_invitations_par_canal_une_personne_comptee_une_fois_et_bornes_en_heure_locale():
    claire, paul = ParcoursFactory(), ParcoursFactory()
    inviter(claire, paris(2025, 1, 1, 0, 15), canaux=("sms", "email"))  # 31/12/2024 23:15 UTC: in 2025
    inviter(claire, paris(2025, 6, 3, 9, 0), canaux=("courrier",))  # the same person, invited again
    inviter(paul, paris(2025, 12, 31, 23, 30), canaux=("sms",), statut="echoue")  # in 2025, its SMS failed
    inviter(paul, paris(2024, 12, 31, 23, 30), canaux=("sms",))  # 2024 in Paris (22:30 UTC)
    inviter(paul, paris(2026, 1, 1, 0, 30), canaux=("email",))  # 2026 in Paris
    v = valeurs()
    # By hand: 3 invitations in 2025 (two of Claire, one of Paul), 2 people; SMS: Claire's only (Paul's failed).
    assert (v["invitations_envoyees"], v["personnes_invitees"]) == (3, 2)
    assert (v["invitations_canal_sms"], v["invitations_canal_email"], v["invitations_canal_courrier"]) == (1, 1, 1)


def test_part_reservee_et_delai_jusqu_au_creneau():
    a, b, c = ParcoursFactory(), ParcoursFactory(), ParcoursFactory()
    reserver(inviter(a, paris(2025, 3, 1, 10)), paris(2025, 3, 4, 22))  # 3.5 days
    annulee = reserver(inviter(b, paris(2025, 3, 1, 10)), paris(2025, 3, 10, 10))
    Reservation.objects.filter(pk=annulee.pk).update(annulee_le=paris(2025, 3, 2))  # booked, then cancelled
    inviter(c, paris(2025, 3, 1, 10))  # never booked
    v = valeurs()
    # By hand: 2 of 3 invitations led to a booking (the cancelled one too); the delay only for the one held.
    assert v["part_invitations_reservees"] == Decimal("66.7")
    assert v["delai_invitation_rendez_vous_moyen"] == Decimal("3.5")


def test_taux_d_absence_sans_la_convocation_dont_la_presence_n_est_pas_notee():
    parcours = ParcoursFactory()
    convoquer(parcours, paris(2025, 4, 1, 9), "absent_non_excuse")
    convoquer(parcours, paris(2025, 4, 8, 9), "absent_excuse")
    convoquer(parcours, paris(2025, 4, 15, 9), "present")
    convoquer(parcours, paris(2025, 4, 22, 9), "prevu")  # attendance never recorded
    convoquer(parcours, paris(2026, 1, 1, 0, 30), "absent_non_excuse")  # 2026 in Paris
    v = valeurs()
    # By hand: 4 convocations in 2025; 3 noted, 1 absent without excuse.
    assert v["convocations"] == 4
    assert v["taux_absence_convocations"] == Decimal("33.3")


def test_un_transfert_apres_la_periode_laisse_les_invitations_dans_la_mdd_d_alors():
    limoges, chalus = MDDFactory(territoire=TerritoireFactory()), MDDFactory(territoire=TerritoireFactory())
    parti = ParcoursFactory(mdd=chalus)  # today in Châlus, in Limoges on 31/12/2025
    TransfertFactory(parcours=parti, date=datetime.date(2026, 2, 1), mdd_origine=limoges, mdd_destination=chalus)
    reserver(inviter(parti, paris(2025, 5, 1, 10)), paris(2025, 5, 5, 10))
    convoquer(parti, paris(2025, 5, 6, 9), "absent_non_excuse")
    reste = ParcoursFactory(mdd=chalus)
    inviter(reste, paris(2025, 5, 1, 10))
    assert valeurs(Filtres(mdd=limoges.pk))["invitations_envoyees"] == 1
    assert valeurs(Filtres(territoire=limoges.territoire_id))["taux_absence_convocations"] == Decimal("100.0")
    assert valeurs(Filtres(mdd=chalus.pk))["part_invitations_reservees"] == Decimal("0.0")
    lignes = {ligne["id"]: ligne for ligne in ventiler_tout(DEBUT, FIN)["mdd"]}
    assert lignes[limoges.pk]["invitations_envoyees"] == 1
    assert lignes[limoges.pk]["taux_absence_convocations"] == Decimal("100.0")
    assert lignes[chalus.pk]["invitations_envoyees"] == 1
    assert lignes[chalus.pk]["taux_absence_convocations"] is None


def test_une_periode_vide_donne_zero_invitation_et_des_taux_non_disponibles():
    v = valeurs()
    assert (v["invitations_envoyees"], v["personnes_invitees"], v["convocations"]) == (0, 0, 0)
    assert v["part_invitations_reservees"] is None
    assert v["delai_invitation_rendez_vous_moyen"] is None
    assert v["taux_absence_convocations"] is None
