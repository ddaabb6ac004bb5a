"""An SMS never carries an empty field: a sentence whose fields are all empty (« Aide : . » when the MDD has no
phone) is left out, the rest of the text stays."""

import pytest

from courriers import convocations, gabarits, invitations
from courriers.models import Message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]


def test_sans_telephone_de_la_mdd_l_invitation_par_sms_n_a_pas_de_phrase_d_aide_vide(joignable, agent):
    joignable.mdd.telephone = ""
    joignable.mdd.save()
    invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    texte = Message.objects.get(canal="sms").contenu
    assert "Aide" not in texte
    assert " : ." not in texte and "  " not in texte
    assert texte.endswith(". STOP au 36111")
    assert "/rdv/" in texte


def test_avec_le_telephone_de_la_mdd_la_phrase_d_aide_reste(joignable, agent):
    joignable.mdd.telephone = "05 55 00 11 22"
    joignable.mdd.save()
    invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    assert "Aide : 05 55 00 11 22. STOP au 36111" in Message.objects.get(canal="sms").contenu


def test_sans_telephone_la_convocation_par_sms_s_arrete_apres_la_phrase_du_rendez_vous(joignable, agent, creneau):
    joignable.mdd.telephone = ""
    joignable.mdd.save()
    convocations.convoquer(joignable, creneau.pk, canaux=["sms"], par=agent)
    texte = Message.objects.get(canal="sms").contenu
    assert "Empêché" not in texte
    assert texte.endswith("Rendez-vous obligatoire (courrier envoyé).")


def test_une_phrase_sans_champ_ou_avec_un_champ_rempli_reste():
    texte = "Bonjour {{ personne.prenom }} {{ personne.nom }}. Appelez le {{ mdd.telephone }}. Merci."
    assert gabarits.remplir_sans_vide(texte, {"personne.prenom": "Claire"}) == "Bonjour Claire . Merci."
