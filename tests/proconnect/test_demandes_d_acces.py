"""Access requests: ProConnect proves who a person is, only an administrator gives the role and the MDD."""

import pytest
from django.core.exceptions import ValidationError

from pacte.models import DemandeAcces, Role, User
from pacte.proconnect.agents import approuver_demande, enregistrer_demande, identifier_agent, refuser_demande
from pacte.proconnect.refus import AccesEnAttente, RefusProConnect
from tests.pacte.factories import MDDFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIMS = {
    "sub": "sub-nadia",
    "email": "Nadia.Nouvelle@departement.test",
    "given_name": "Nadia",
    "usual_name": "Nouvelle",
}


def test_une_identite_inconnue_devient_une_demande_sans_compte_ni_role():
    with pytest.raises(AccesEnAttente):
        identifier_agent({**CLAIMS, "role": "administrateur"})
    assert not User.objects.exists()
    demande = DemandeAcces.objects.get()
    assert demande.email == "nadia.nouvelle@departement.test"
    assert demande.statut == DemandeAcces.Statut.EN_ATTENTE


def test_une_nouvelle_tentative_met_a_jour_la_meme_demande():
    enregistrer_demande(CLAIMS)
    enregistrer_demande({**CLAIMS, "email": "nadia.n@departement.test"})
    assert DemandeAcces.objects.get().email == "nadia.n@departement.test"


def test_le_sub_connu_suit_le_changement_d_adresse():
    agent = UserFactory(email="ancienne@departement.test", proconnect_sub="sub-nadia")
    assert identifier_agent(CLAIMS) == agent
    agent.refresh_from_db()
    assert agent.email == "nadia.nouvelle@departement.test"


def test_le_changement_d_adresse_vers_celle_d_un_autre_compte_est_refuse():
    agent = UserFactory(email="ancienne@departement.test", proconnect_sub="sub-nadia")
    UserFactory(email="nadia.nouvelle@departement.test")
    with pytest.raises(RefusProConnect, match="appartient déjà à un autre compte"):
        identifier_agent(CLAIMS)
    agent.refresh_from_db()
    assert agent.email == "ancienne@departement.test"


def test_l_administrateur_accorde_un_role_et_des_mdd():
    demande = enregistrer_demande(CLAIMS)
    admin, mdd = UserFactory(administrateur=True), MDDFactory()
    user = approuver_demande(demande, role=Role.TRAVAILLEUR_SOCIAL, mdds=[mdd], par=admin)
    assert (user.email, user.role, user.proconnect_sub) == (
        "nadia.nouvelle@departement.test",
        "travailleur_social",
        "sub-nadia",
    )
    assert list(user.mdds.all()) == [mdd]
    assert not user.has_usable_password()
    demande.refresh_from_db()
    assert (demande.statut, demande.traitee_par, demande.utilisateur) == ("approuvee", admin, user)
    assert identifier_agent(CLAIMS) == user


def test_un_travailleur_social_sans_mdd_est_refuse_sans_rien_ecrire():
    demande = enregistrer_demande(CLAIMS)
    with pytest.raises(ValidationError, match="au moins une MDD"):
        approuver_demande(demande, role=Role.TRAVAILLEUR_SOCIAL, mdds=[], par=UserFactory(administrateur=True))
    assert User.objects.count() == 1
    demande.refresh_from_db()
    assert demande.statut == DemandeAcces.Statut.EN_ATTENTE


def test_une_demande_refusee_reste_refusee():
    demande = enregistrer_demande(CLAIMS)
    refuser_demande(demande, par=UserFactory(administrateur=True))
    enregistrer_demande(CLAIMS)
    demande.refresh_from_db()
    assert demande.statut == DemandeAcces.Statut.REFUSEE
    with pytest.raises(ValidationError, match="déjà été traitée"):
        approuver_demande(demande, role=Role.CHARGE_ORIENTATION, mdds=[], par=UserFactory(administrateur=True))


def test_l_administrateur_voit_les_demandes(client, django_assert_max_num_queries):
    for n in range(5):
        enregistrer_demande({**CLAIMS, "sub": f"sub-{n}", "email": f"agent{n}@departement.test"})
    client.force_login(UserFactory(administrateur=True))
    with django_assert_max_num_queries(8):
        response = client.get("/demandes-acces/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Demandes d'accès (5)" in page
    assert "agent4@departement.test" in page


def test_un_agent_qui_n_est_pas_administrateur_ne_voit_pas_les_demandes(client):
    demande = enregistrer_demande(CLAIMS)
    client.force_login(UserFactory(responsable_mdd=True))
    assert client.get("/demandes-acces/").status_code == 404
    assert client.post(f"/demandes-acces/{demande.pk}/", {"role": "administrateur"}).status_code == 404
    assert User.objects.count() == 1


def test_l_approbation_par_la_page_cree_le_compte(client):
    demande, mdd = enregistrer_demande(CLAIMS), MDDFactory()
    client.force_login(UserFactory(administrateur=True))
    assert "Accorder l'accès" in client.get(f"/demandes-acces/{demande.pk}/").content.decode()
    response = client.post(
        f"/demandes-acces/{demande.pk}/", {"role": "responsable_mdd", "mdds": [mdd.pk], "decision": "approuver"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nadia.nouvelle@departement.test")
    assert user.role == "responsable_mdd" and list(user.mdds.all()) == [mdd]


def test_une_approbation_incomplete_donne_un_message_et_n_ecrit_rien(client):
    demande = enregistrer_demande(CLAIMS)
    client.force_login(UserFactory(administrateur=True))
    response = client.post(f"/demandes-acces/{demande.pk}/", {"role": "travailleur_social", "decision": "approuver"})
    assert response.status_code == 200
    assert "doit être rattaché à au moins une MDD" in response.content.decode()
    assert not User.objects.filter(email="nadia.nouvelle@departement.test").exists()


def test_le_role_partenaire_ne_s_accorde_pas_ici(client):
    demande = enregistrer_demande(CLAIMS)
    client.force_login(UserFactory(administrateur=True))
    response = client.post(f"/demandes-acces/{demande.pk}/", {"role": "partenaire", "decision": "approuver"})
    assert response.status_code == 200
    assert not User.objects.filter(email="nadia.nouvelle@departement.test").exists()


def test_le_refus_par_la_page(client):
    demande = enregistrer_demande(CLAIMS)
    client.force_login(UserFactory(administrateur=True))
    client.post(f"/demandes-acces/{demande.pk}/", {"decision": "refuser"})
    demande.refresh_from_db()
    assert demande.statut == DemandeAcces.Statut.REFUSEE
    assert client.get(f"/demandes-acces/{demande.pk}/").status_code == 404
