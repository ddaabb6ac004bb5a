"""Invitations: who is reached on which channel, in bulk in a bounded number of queries; the person's booking page
(signed link, choose, cancel or move once, expired or tampered link); reminders and expiry."""

import datetime
import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courriers import envoi, invitations, reservations
from courriers.choices import EtatInvitation
from courriers.models import Consentement, Invitation, Message, OppositionSms
from pacte.models import JournalAcces
from parcours.models import RendezVous
from tests.courriers.conftest import UN_MERCREDI
from tests.courriers.factories import CreneauFactory, demain_a
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]
TOUS = ["sms", "email", "courrier"]


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


def test_une_invitation_part_sur_chaque_canal_consenti_et_se_journalise(joignable, agent):
    bilan = invitations.inviter([joignable.pk], canaux=TOUS, par=agent)
    assert (bilan.invitees, bilan.messages, bilan.motifs) == (1, 3, [])
    invitation = Invitation.objects.get()
    assert invitation.expire_le.date() == (timezone.now() + datetime.timedelta(days=10)).date()
    sms = Message.objects.get(canal="sms")
    assert sms.destinataire == "+33612345678" and invitations.jeton(invitation.pk) in sms.contenu
    assert Message.objects.get(canal="courrier").statut == "envoye"
    assert JournalAcces.objects.filter(utilisateur=agent, objet="message", nature="modification").count() == 3
    envoi.traiter_file(maintenant=UN_MERCREDI)
    assert [m.to for m in mail.outbox] == [["claire.martin@example.org"]]
    assert set(Message.objects.values_list("statut", flat=True)) == {"envoye"}


def test_sans_consentement_ni_mobile_francais_pas_de_sms_et_un_motif_en_francais(parcours, agent):
    parcours.beneficiaire.telephone = "05 55 12 34 56"
    parcours.beneficiaire.save()
    bilan = invitations.inviter([parcours.pk], canaux=["sms", "email"], par=agent)
    assert bilan.invitees == 0 and not Invitation.objects.exists() and not Message.objects.exists()
    assert "« 05 55 12 34 56 » n'est pas un mobile français" in " ".join(bilan.motifs)
    assert "n'y a pas consenti" in " ".join(bilan.motifs)


def test_un_numero_qui_a_repondu_stop_ne_recoit_plus_de_sms(joignable, agent):
    OppositionSms.objects.create(telephone="+33612345678")
    bilan = invitations.inviter([joignable.pk], canaux=["sms", "email"], par=agent)
    assert list(Message.objects.values_list("canal", flat=True)) == ["email"]
    assert "STOP" in bilan.motifs[0]


def _personnes(site, nombre, debut=0):
    ids = []
    for i in range(debut, debut + nombre):
        b = BeneficiaireFactory(
            telephone=f"06{i:08d}", email=f"p{i}@example.org", adresse="1 rue", commune=site.commune
        )
        Consentement.objects.create(beneficiaire=b, sms=True, email=i % 2 == 0)
        ids.append(ParcoursFactory(beneficiaire=b, mdd=site.mdd).pk)
    return ids


def _lectures_et_ecritures(ids, agent):
    with CaptureQueriesContext(connection) as requetes:
        bilan = invitations.inviter(ids, canaux=TOUS, par=agent)
    inserts = [q for q in requetes.captured_queries if q["sql"].startswith("INSERT")]
    return bilan, len(requetes.captured_queries) - len(inserts), len(inserts)


def test_des_centaines_de_personnes_en_un_nombre_borne_de_requetes(site, agent):
    """The reads do not grow with the number of people; the writes are bulk inserts (SQLite splits them in batches
    of its 999 variables: about one insert per 60 rows; PostgreSQL, one per table)."""
    _, lectures_10, _ = _lectures_et_ecritures(_personnes(site, 10), agent)
    ids = _personnes(site, 300, debut=10)
    OppositionSms.objects.create(telephone="+33600000017")
    bilan, lectures_300, inserts_300 = _lectures_et_ecritures(ids, agent)
    assert lectures_300 == lectures_10 <= 10
    assert inserts_300 <= 3 + (300 + 749 + 749) // 50
    assert bilan.invitees == 300
    assert Message.objects.filter(canal="sms").count() == 10 + 299
    assert Message.objects.filter(canal="email").count() == 5 + 150


@pytest.fixture
def invitation(joignable, agent):
    invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    return Invitation.objects.get()


def _url(invitation):
    return reverse("rdv:page", args=[invitations.jeton(invitation.pk)])


def test_la_personne_voit_les_creneaux_de_sa_mdd_sans_compte(client, invitation, creneau):
    ailleurs = CreneauFactory(debut=demain_a(11))
    page = client.get(_url(invitation))
    assert page.status_code == 200
    contenu = texte(page)
    assert f'value="{creneau.pk}"' in contenu and f'value="{ailleurs.pk}"' not in contenu


def test_choisir_confirme_et_remplit_un_rendez_vous(client, invitation, creneau):
    reponse = client.post(_url(invitation), {"action": "choisir", "creneau": creneau.pk}, follow=True)
    assert "Votre rendez-vous est confirmé" in texte(reponse)
    invitation.refresh_from_db()
    assert invitation.etat == EtatInvitation.RESERVEE
    assert RendezVous.objects.get(parcours=invitation.parcours).date == creneau.debut
    assert Message.objects.filter(nature="confirmation", canal="sms").exists()


def test_un_creneau_pris_entre_temps_est_refuse_en_francais_sans_rien_ecrire(client, invitation, creneau):
    reservations.choisir(
        Invitation.objects.create(parcours=ParcoursFactory(mdd=creneau.site.mdd), expire_le=demain_a(9, jours=5)),
        creneau.pk,
    )
    reponse = client.post(_url(invitation), {"action": "choisir", "creneau": creneau.pk})
    assert reponse.status_code == 400 and "vient d'être pris" in texte(reponse)
    invitation.refresh_from_db()
    assert invitation.etat == EtatInvitation.ENVOYEE
    assert not RendezVous.objects.filter(parcours=invitation.parcours).exists()


def test_annuler_ou_deplacer_une_seule_fois(client, invitation, creneau, site, agent):
    autre = CreneauFactory(site=site, agent=agent, debut=demain_a(15))
    client.post(_url(invitation), {"action": "choisir", "creneau": creneau.pk})
    client.post(_url(invitation), {"action": "deplacer", "creneau": autre.pk})
    assert RendezVous.objects.get(parcours=invitation.parcours).date == autre.debut
    reponse = client.post(_url(invitation), {"action": "annuler"})
    assert reponse.status_code == 400 and "déjà changé" in texte(reponse)
    assert RendezVous.objects.filter(parcours=invitation.parcours).count() == 1


def test_un_lien_modifie_ou_expire_dit_pourquoi_en_francais(client, invitation):
    faux = client.get(reverse("rdv:page", args=[invitations.jeton(invitation.pk) + "x"]))
    assert faux.status_code == 404 and "Ce lien n'est pas valide" in texte(faux)
    autre = client.get(reverse("rdv:page", args=[str(invitation.pk)]))
    assert autre.status_code == 404
    Invitation.objects.filter(pk=invitation.pk).update(expire_le=timezone.now() - datetime.timedelta(minutes=1))
    expire = client.get(_url(invitation))
    assert expire.status_code == 410 and "Ce lien a expiré" in texte(expire)


def test_la_relance_part_une_fois_apres_le_delai_sans_rendez_vous(invitation):
    assert invitations.relancer() == 0
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    assert invitations.relancer() == 1
    assert invitations.relancer() == 0
    relance = Message.objects.get(nature="relance")
    assert relance.canal == "sms" and invitations.jeton(invitation.pk) in relance.contenu


def test_l_invitation_expiree_est_signalee_a_l_agent_qui_peut_convoquer(client, invitation, agent):
    Invitation.objects.filter(pk=invitation.pk).update(expire_le=timezone.now() - datetime.timedelta(hours=1))
    assert invitations.expirer() == 1
    client.force_login(agent)
    page = client.get(reverse("courriers:inviter_en_nombre"))
    assert reverse("courriers:convoquer", args=[invitation.parcours_id]) in texte(page)


def test_inviter_depuis_la_page_du_parcours(client, joignable, agent):
    client.force_login(agent)
    fiche = client.get(reverse("parcours:fiche", args=[joignable.pk]))
    assert reverse("courriers:inviter", args=[joignable.pk]) in texte(fiche)
    reponse = client.post(reverse("courriers:inviter", args=[joignable.pk]), {"canaux": ["email"]})
    assert reponse.status_code == 302 and Message.objects.filter(canal="email").count() == 1
    fiche = client.get(reverse("parcours:fiche", args=[joignable.pk]))
    assert "Invitation à prendre rendez-vous (courriel)" in texte(fiche)


def test_inviter_en_nombre_lance_une_tache_de_fond(client, site, agent):
    ids = [
        ParcoursFactory(mdd=site.mdd, beneficiaire__adresse="1 rue", beneficiaire__commune=site.commune).pk
        for _ in range(3)
    ]
    client.force_login(agent)
    reponse = client.post(
        reverse("courriers:inviter_en_nombre") + "?source=file_active", {"canaux": ["courrier"], "parcours": ids}
    )
    assert reponse.status_code == 302
    assert Invitation.objects.count() == 3 and Message.objects.filter(canal="courrier").count() == 3
    tache = client.get(reponse["Location"])
    assert "3 personne(s) invitée(s)" in texte(tache)


def test_un_agent_n_invite_pas_la_personne_d_une_autre_mdd(client, agent):
    autre = ParcoursFactory()
    client.force_login(agent)
    assert client.post(reverse("courriers:inviter", args=[autre.pk]), {"canaux": ["sms"]}).status_code == 404
    assert not Invitation.objects.exists()
