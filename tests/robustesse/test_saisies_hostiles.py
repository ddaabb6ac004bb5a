"""Hostile input at every form of the app, as the role that may use it.

Arbitrary text (unicode, control characters, NUL bytes that PostgreSQL refuses in text), huge strings,
huge and negative numbers, impossible or extreme dates, and wrong types (the same key posted twice).
The only allowed outcomes: a valid record saved (a redirect), or the form shown again with a French error
and nothing written (the row counts and update marks of every business table are unchanged). Never a 500:
the test client re-raises any exception of the view, so a crash fails the test with its traceback.

Each example runs in a savepoint rolled back afterwards: every example starts from the same data.
"""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcours.choices import EtatContrat, EtatPrescription
from parcours.models import Beneficiaire, ContratEngagement, Frein, RendezVous
from parcours.sortie import ouvert_a_la_sortie
from tests.robustesse.conftest import (
    MOT_DE_PASSE,
    differences,
    empreinte,
    messages_d_erreur,
    verifier_pas_d_anglais,
    verifier_refus_en_francais,
)

pytestmark = pytest.mark.django_db

REGLAGES = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

EXTREMES = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "\x00" * 3,
    "\t\r\n\x0b\x0c\x1b\x7f",
    "0",
    "-1",
    "-999999999999",
    "9" * 40,
    "-" + "9" * 40,
    "2147483648",
    "9223372036854775808",
    "1e400",
    "NaN",
    "Infinity",
    "1,5",
    "0.0000001",
    "١٢٣٤٥٦٧",
    "²³",
    "𝟙𝟚𝟛",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "31/02/2025",
    "29/02/2023",
    "00/00/0000",
    "2025-13-45",
    "25:61",
    "<script>alert('x')</script>",
    "' OR 1=1 --",
    "%00",
    "\u202eélbatsni",
    "Ω" * 300,
    "x" * 5000,
]

_texte = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_controle = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=5)
VALEUR_HOSTILE = st.one_of(
    st.sampled_from(EXTREMES),
    _texte,
    st.tuples(_texte, _controle, _texte).map("".join),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(
        lambda d: d.strftime("%d/%m/") + f"{d.year:04d}"
    ),
    st.builds(lambda n: "é" * n, st.integers(min_value=100, max_value=200_000)),
)
ABSENT = object()


def valeur_pour(valide):
    """A field's value: its valid value, a hostile one, the key posted twice, or the key missing."""
    return st.one_of(
        st.just(valide),
        VALEUR_HOSTILE,
        st.lists(st.one_of(st.just(valide), VALEUR_HOSTILE), min_size=2, max_size=3),
        st.just(ABSENT),
    )


def donnees_hostiles(valides: dict):
    return st.fixed_dictionaries({cle: valeur_pour(valeur) for cle, valeur in valides.items()}).map(
        lambda d: {cle: valeur for cle, valeur in d.items() if valeur is not ABSENT}
    )


def soumettre(client, methode, url, donnees, *, htmx=False, verifier_refus=verifier_refus_en_francais):
    """Send, then check the outcome: saved (a redirect, or the htmx fragment of the saved record without any
    form error), or a French refusal with nothing written."""
    try:
        return _soumettre(client, methode, url, donnees, htmx=htmx, verifier_refus=verifier_refus)
    except AssertionError as erreur:
        apercu = {cle: (repr(valeur)[:120]) for cle, valeur in donnees.items()}
        raise AssertionError(f"{erreur}\n{methode.upper()} {url} htmx={htmx} données={apercu}") from None


def _soumettre(client, methode, url, donnees, *, htmx, verifier_refus):
    entetes = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with transaction.atomic():
        avant = empreinte()
        reponse = getattr(client, methode)(url, donnees, **entetes)
        ecrit = differences(avant, empreinte())
        if methode == "get":
            assert reponse.status_code in (200, 302, 404), reponse.status_code
            assert not ecrit, ecrit
            verifier_pas_d_anglais(reponse.content.decode())
        elif ecrit:
            assert reponse.status_code in (200, 302), reponse.status_code
            assert not messages_d_erreur(reponse), f"erreur affichée mais écriture : {ecrit}"
        elif not donnees and reponse.status_code == 200:
            # An empty POST is falsy: `Form(request.POST or None)` shows the blank form again, unbound.
            verifier_pas_d_anglais(reponse.content.decode())
        elif reponse.status_code not in (301, 302, 303):
            verifier_refus(reponse)
        transaction.set_rollback(True)
    return reponse


def connecte(utilisateur):
    client = Client()
    client.force_login(utilisateur)
    return client


AUJOURDHUI = timezone.localdate()
J = AUJOURDHUI.isoformat()


def resoudre(donnees, monde):
    """The valid values name objects of the test data (@commune...): their ids are known only now."""
    jetons = {
        "@commune": monde.commune.pk,
        "@thematique": monde.thematique.pk,
        "@partenaire": monde.partenaire.pk,
        "@action": monde.action.pk,
        "@ts": monde.travailleur_social.pk,
        "@site": monde.action.sites.first().pk,
    }

    def un(valeur):
        return str(jetons[valeur]) if isinstance(valeur, str) and valeur in jetons else valeur

    return {cle: [un(v) for v in valeur] if isinstance(valeur, list) else un(valeur) for cle, valeur in donnees.items()}


# --- pacte: login, password, journal, right of access ----------------------------------------------------


@REGLAGES
@given(donnees=donnees_hostiles({"username": "ts@departement.test", "password": "pas le bon"}))
def test_connexion_refuse_en_francais_toute_saisie(monde, donnees):
    soumettre(Client(), "post", reverse("login"), donnees)


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {
            "old_password": MOT_DE_PASSE,
            "new_password1": "Un nouveau mot de passe 2026 !",
            "new_password2": "Un nouveau mot de passe 2026 !",
        }
    )
)
def test_changement_de_mot_de_passe_sans_erreur_serveur(monde, donnees):
    soumettre(connecte(monde.travailleur_social), "post", reverse("password_change"), donnees)


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {"utilisateur": "@ts", "beneficiaire_id": "1", "date_min": J, "date_max": J, "nature": "export", "page": "2"}
    )
)
def test_filtres_du_journal_d_acces(monde, donnees):
    soumettre(connecte(monde.administrateur), "get", reverse("journal_acces"), resoudre(donnees, monde))


@REGLAGES
@given(donnees=donnees_hostiles({"numero_allocataire": "1000001"}))
def test_recherche_du_droit_d_acces(monde, donnees):
    soumettre(connecte(monde.administrateur), "get", reverse("droit_d_acces"), donnees)


# --- parcours: every event form of the parcours page -----------------------------------------------------


def _evenements(monde):
    p = monde.parcours
    brouillon = ContratEngagement.objects.get(parcours=p, etat=EtatContrat.BROUILLON)
    signe = ContratEngagement.objects.get(parcours=p, etat=EtatContrat.SIGNE)
    frein = Frein.objects.get(parcours=p, date_levee__isnull=True)
    rdv_passe = RendezVous.objects.filter(parcours=p, presence="prevu", date__lte=timezone.now()).get()
    debut = AUJOURDHUI - datetime.timedelta(days=5)
    return {
        "orientation": {
            "type": "professionnelle",
            "organisme_referent": "france_travail",
            "date_decision": J,
            "motif": "Projet professionnel",
        },
        # The parcours is oriented: a social worker asks for a réorientation (parcours.reorientations).
        "reorientation": {
            "type_souhaite": "professionnelle",
            "organisme_souhaite": "france_travail",
            "motif": "Projet professionnel",
        },
        "referent": {"nouveau": str(monde.collegue.pk), "date": J, "motif": "Congé"},
        "contrat": {
            "date_debut": debut.isoformat(),
            "date_fin": (debut + datetime.timedelta(days=200)).isoformat(),
            "objectifs": "Reprendre un emploi",
            "heures_hebdomadaires": "15",
            "date_signature": J,
            "motif_duree": "",
        },
        "signature": {"contrat": str(brouillon.pk), "date_signature": J},
        "resiliation": {"contrat": str(signe.pk), "date_resiliation": J, "motif_resiliation": "Déménagement"},
        "frein": {"categorie": "sante", "date_identification": J, "commentaire": "À suivre"},
        "levee": {"frein": str(frein.pk), "date_levee": J},
        "rendez_vous": {
            "date": J,
            "heure": "09:30",
            "nature": "individuel",
            "presence": "prevu",
            "objet": "Point mensuel",
        },
        "presence": {"rendez_vous": str(rdv_passe.pk), "presence": "present"},
        "note": {"date": J, "texte": "Entretien téléphonique."},
        "sortie": {
            "date": J,
            "type": "emploi_durable",
            "commentaire": "CDI",
            # The list of open items the user confirms (parcours.sortie).
            "confirmation": ouvert_a_la_sortie(monde.parcours).empreinte(),
        },
        "transfert": {"mdd_destination": str(monde.autre_mdd.pk), "date": J, "motif": "Déménagement"},
        "coordonnees": {
            "commune": str(monde.commune.pk),
            "adresse": "1 rue de la Paix",
            "telephone": "0555000000",
            "email": "personne@exemple.fr",
        },
    }


SLUGS = [
    "reorientation",
    "referent",
    "contrat",
    "signature",
    "resiliation",
    "frein",
    "levee",
    "rendez_vous",
    "presence",
    "note",
    "sortie",
    "transfert",
    "coordonnees",
]


@pytest.mark.parametrize("slug", SLUGS)
def test_evenement_du_parcours_sous_saisie_hostile(monde, slug):
    valides = {f"{slug}-{cle}": valeur for cle, valeur in _evenements(monde)[slug].items()}
    valides[f"{slug}-version"] = str(monde.parcours.version)
    client = connecte(monde.travailleur_social)
    url = reverse("parcours:enregistrer", args=[monde.parcours.pk, slug])

    @REGLAGES
    @given(donnees=donnees_hostiles(valides), htmx=st.booleans())
    def essai(donnees, htmx):
        soumettre(client, "post", url, donnees, htmx=htmx)

    essai()
    # The valid input itself is saved (the test would be blind if every example were refused).
    with transaction.atomic():
        assert client.post(url, valides).status_code == 302
        transaction.set_rollback(True)


def test_evenement_inconnu_ou_parcours_forge_repond_404_en_francais(monde):
    client = connecte(monde.travailleur_social)
    for url in (
        f"/parcours/{monde.parcours.pk}/inconnu/",
        f"/parcours/{monde.parcours.pk}/note%00/",
        "/parcours/99999999999999999999999/note/",
    ):
        reponse = soumettre(client, "post", url, {"note-texte": "x"})
        assert reponse.status_code == 404


def _identite(monde):
    return {
        "organisme_payeur": "caf",
        "numero_allocataire": "7654321",
        "qualite": "demandeur",
        "nom": "Martin",
        "prenom": "Zoé",
        "date_naissance": "1990-05-17",
        "sexe": "F",
        "commune": str(monde.commune.pk),
        "adresse": "2 place de la République",
        "telephone": "0555111111",
        "email": "zoe@exemple.fr",
        "mdd": str(monde.mdd.pk),
        "date_ouverture_droit": (AUJOURDHUI - datetime.timedelta(days=20)).isoformat(),
        "date_entree": J,
        "confirme_autre_personne": "on",
    }


@REGLAGES
@given(donnees=st.data())
def test_creation_d_un_beneficiaire(monde, donnees):
    valides = _identite(monde)
    valeurs = donnees.draw(donnees_hostiles(valides))
    # Re-entry of a known person: the id of one of the candidates, or anything a hostile user types.
    rouvrir = donnees.draw(st.one_of(st.just(ABSENT), VALEUR_HOSTILE, st.just(str(monde.parcours_clos.pk))))
    if rouvrir is not ABSENT:
        valeurs["rouvrir"] = rouvrir
    soumettre(connecte(monde.travailleur_social), "post", reverse("parcours:creer"), valeurs)


def test_reouverture_avec_un_identifiant_forge_refusee_sans_erreur_serveur(monde):
    """`rouvrir` is read from the POST: a non-numeric or unknown id is a 404 or a French error, never a 500."""
    client = connecte(monde.travailleur_social)
    clos = monde.parcours_clos.beneficiaire
    valeurs = {
        **_identite(monde),
        "numero_allocataire": clos.numero_allocataire,
        "nom": clos.nom,
        "prenom": clos.prenom,
        "date_naissance": clos.date_naissance.isoformat(),
    }
    for forge in ("abc", "²", "1.5", "\x00", "9" * 30, "-1"):
        avant = Beneficiaire.objects.count()
        reponse = soumettre(client, "post", reverse("parcours:creer"), {**valeurs, "rouvrir": forge})
        assert reponse.status_code in (200, 404)
        assert Beneficiaire.objects.count() == avant


@REGLAGES
@given(
    donnees=st.data(),
)
def test_orientation_par_le_charge_d_orientation(monde, donnees):
    valides = {
        "orientation-type": "sociale",
        "orientation-organisme_referent": "ccas",
        "orientation-date_decision": J,
        "orientation-motif": "",
        "orientation-version": str(monde.parcours_nouveau.version),
    }
    url = reverse("parcours:orienter", args=[monde.parcours_nouveau.pk])
    soumettre(connecte(monde.charge_orientation), "post", url, donnees.draw(donnees_hostiles(valides)))


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {
            "q": "lefevre",
            "orientation": "sociale",
            "referent": "@ts",
            "contrat": "en_cours",
            "frein": "mobilite",
            "alerte": "contrat_echu",
            "statut": "tous",
            "tri": "-dernier_rdv",
            "page": "1",
        }
    ),
    htmx=st.booleans(),
)
def test_filtres_de_la_file_active(monde, donnees, htmx):
    soumettre(
        connecte(monde.responsable_mdd), "get", reverse("parcours:file_active"), resoudre(donnees, monde), htmx=htmx
    )


@REGLAGES
@given(donnees=donnees_hostiles({"page": "2"}))
def test_pagination_de_la_file_a_orienter(monde, donnees):
    soumettre(connecte(monde.charge_orientation), "get", reverse("parcours:a_orienter"), donnees)


# --- partenaires ---------------------------------------------------------------------------------------------


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {
            "date": J,
            "objet": "Point d'étape",
            "decision": "On ajoute des places.",
            "effet": "places",
            "decision_reunion": "",
            "indicateur": "participants",
            "valeur_cible": "30",
            "montant_conventionne": "60000",
            "date_debut": (AUJOURDHUI - datetime.timedelta(days=300)).isoformat(),
            "date_fin": (AUJOURDHUI + datetime.timedelta(days=500)).isoformat(),
            "places": "12",
        }
    ),
    effet=st.sampled_from(["aucun", "objectifs", "financement", "periode", "places"]),
    htmx=st.booleans(),
)
def test_ajustement_d_une_action(monde, donnees, effet, htmx):
    donnees.setdefault("effet", effet)
    url = reverse("partenaires:ajouter_ajustement", args=[monde.action.pk])
    soumettre(connecte(monde.referent_thematique), "post", url, donnees, htmx=htmx)


def _resultat_valide():
    debut = AUJOURDHUI - datetime.timedelta(days=150)
    return {
        "periode_debut": debut.isoformat(),
        "periode_fin": (debut + datetime.timedelta(days=60)).isoformat(),
        "participants": "12",
        "heures": "300",
        "sorties_emploi_durable": "2",
        "sorties_emploi_transition": "1",
        "sorties_iae": "0",
        "sorties_formation": "1",
        "sorties_creation_entreprise": "0",
        "sorties_fin_de_droits": "0",
        "sorties_demenagement": "0",
        "sorties_autre": "0",
    }


@REGLAGES
@given(donnees=donnees_hostiles(_resultat_valide()), role=st.sampled_from(["referent_thematique", "partenaire_user"]))
def test_saisie_des_resultats(monde, donnees, role):
    url = reverse("partenaires:saisir_resultat", args=[monde.action.pk])
    soumettre(connecte(getattr(monde, role)), "post", url, donnees)


@pytest.mark.parametrize("champ", ["participants", "heures", "sorties_autre"])
@pytest.mark.parametrize("valeur", ["2147483648", "9" * 25])
def test_resultat_avec_un_nombre_immense_refuse_en_francais(monde, champ, valeur):
    donnees = {**_resultat_valide(), champ: valeur}
    if champ != "participants":
        donnees["participants"] = valeur
    url = reverse("partenaires:saisir_resultat", args=[monde.action.pk])
    reponse = soumettre(connecte(monde.referent_thematique), "post", url, donnees)
    assert reponse.status_code == 200


@pytest.mark.parametrize("champ", ["places", "valeur_cible"])
def test_ajustement_avec_un_nombre_immense_refuse_en_francais(monde, champ):
    donnees = {
        "date": J,
        "objet": "Point",
        "decision": "Décision",
        "effet": "places" if champ == "places" else "objectifs",
        "indicateur": "participants",
        champ: "9" * 20,
    }
    url = reverse("partenaires:ajouter_ajustement", args=[monde.action.pk])
    reponse = soumettre(connecte(monde.referent_thematique), "post", url, donnees)
    assert reponse.status_code == 200


@REGLAGES
@given(donnees=st.data())
def test_prescription_depuis_le_catalogue(monde, donnees):
    action = donnees.draw(st.sampled_from([monde.action, monde.action_pleine]))
    valeurs = donnees.draw(
        donnees_hostiles({"motif_hors_capacite": "Urgence sociale", "parcours": str(monde.parcours_nouveau.pk)})
    )
    url = reverse("partenaires:prescrire", args=[action.pk])
    soumettre(connecte(monde.travailleur_social), "post", url, valeurs)


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {"q": "atelier", "thematique": "@thematique", "commune": "@commune", "site": "@site", "places_libres": "oui"}
        | {"page": "1"}
    ),
    parcours=st.one_of(st.just(ABSENT), VALEUR_HOSTILE),
)
def test_filtres_du_catalogue(monde, donnees, parcours):
    if parcours is not ABSENT:
        donnees["parcours"] = parcours
    soumettre(connecte(monde.travailleur_social), "get", reverse("partenaires:catalogue"), resoudre(donnees, monde))


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {"q": "atelier", "annee": str(AUJOURDHUI.year), "thematique": "@thematique", "partenaire": "@partenaire"}
        | {"statut": "ouverte"}
        | {"alerte": "oui", "page": "1"}
    )
)
def test_filtres_de_mes_actions(monde, donnees):
    soumettre(connecte(monde.referent_thematique), "get", reverse("partenaires:mes_actions"), resoudre(donnees, monde))


@pytest.mark.parametrize("annee", ["0", "-5", "10000", "99999999999", "2025.5", "1e10"])
def test_annee_impossible_dans_mes_actions_sans_erreur_serveur(monde, annee):
    client = connecte(monde.referent_thematique)
    reponse = soumettre(client, "get", reverse("partenaires:mes_actions"), {"annee": annee})
    assert reponse.status_code == 200


@REGLAGES
@given(donnees=donnees_hostiles({"etat": "en_cours", "action": "@action", "page": "1"}))
def test_filtres_des_prescriptions_recues(monde, donnees):
    soumettre(
        connecte(monde.partenaire_user), "get", reverse("partenaires:prescriptions_recues"), resoudre(donnees, monde)
    )


@REGLAGES
@given(
    donnees=donnees_hostiles({"etat": "acceptee", "date": J, "motif": "Place disponible", "type_sortie": ""}),
    etat=st.sampled_from([EtatPrescription.PROPOSEE, EtatPrescription.ENTREE, EtatPrescription.SORTIE]),
    htmx=st.booleans(),
)
def test_changement_d_etat_par_le_partenaire(monde, donnees, etat, htmx):
    url = reverse("partenaires:prescription_recue", args=[monde.prescriptions[etat].pk])
    soumettre(connecte(monde.partenaire_user), "post", url, donnees, htmx=htmx)


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {
            "siret": "732 829 320 00074",
            "raison_sociale": "Régie de quartier",
            "nature": "association",
            "adresse": "3 rue Haute",
            "commune": "@commune",
            "site_web": "regie.example.fr",
        }
    ),
    modifier=st.booleans(),
)
def test_formulaire_partenaire(monde, donnees, modifier):
    url = (
        reverse("partenaires:modifier_partenaire", args=[monde.partenaire.pk])
        if modifier
        else reverse("partenaires:nouveau_partenaire")
    )
    soumettre(connecte(monde.administrateur), "post", url, resoudre(donnees, monde))


@REGLAGES
@given(donnees=st.data(), modifier=st.booleans())
def test_formulaire_financement(monde, donnees, modifier):
    valides = {
        "partenaire": str(monde.partenaire.pk),
        "type": "convention",
        "reference": "CONV-2026-01",
        "intitule": "Convention 2026",
        "date_debut": "2026-01-01",
        "date_fin": "2026-12-31",
        "montant_conventionne": "25000.50",
    }
    url = (
        reverse("partenaires:modifier_financement", args=[monde.financement.pk])
        if modifier
        else reverse("partenaires:nouveau_financement")
    )
    soumettre(connecte(monde.administrateur), "post", url, donnees.draw(donnees_hostiles(valides)))


@REGLAGES
@given(
    cofinancement=donnees_hostiles({"cofi-financeur": "etat", "cofi-libelle": "DETS", "cofi-montant": "1000"}),
    versement=donnees_hostiles({"versement-nature": "solde", "versement-date": J, "versement-montant": "500.00"}),
    lequel=st.booleans(),
)
def test_cofinancement_et_versement(monde, cofinancement, versement, lequel):
    url = reverse("partenaires:financement", args=[monde.financement.pk])
    donnees = cofinancement if lequel else versement
    if lequel:
        donnees.setdefault("cofi-financeur", "")
    soumettre(connecte(monde.administrateur), "post", url, donnees)


@REGLAGES
@given(donnees=st.data(), modifier=st.booleans())
def test_formulaire_action(monde, donnees, modifier):
    valides = {
        "intitule": "Nouvelle action",
        "description": "Accompagnement renforcé",
        "thematique": str(monde.thematique.pk),
        "objectif": str(monde.objectif.pk),
        "partenaire": str(monde.partenaire.pk),
        "financement": str(monde.financement.pk),
        "date_debut": "2026-01-01",
        "date_fin": "2026-12-31",
        "statut": "ouverte",
        "places": "15",
        "public_cible": "BRSA",
        "territoires": [str(monde.mdd.territoire_id)],
        "sites": [],
    }
    url = (
        reverse("partenaires:modifier_action", args=[monde.action.pk])
        if modifier
        else reverse("partenaires:nouvelle_action")
    )
    soumettre(connecte(monde.administrateur), "post", url, donnees.draw(donnees_hostiles(valides)))


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {"nom": "Jeanne Dupont", "structure": "CCAS", "utilisateur": "", "partenaire": "@partenaire"}
    )
)
def test_ajout_d_un_membre_au_groupe_de_travail(monde, donnees):
    url = reverse("partenaires:groupe", args=[monde.groupe.pk])
    soumettre(connecte(monde.referent_thematique), "post", url, resoudre(donnees, monde))


@REGLAGES
@given(donnees=st.data())
def test_nouvelle_reunion_du_groupe(monde, donnees):
    valides = {
        "date": J,
        "participants": [str(monde.groupe.membres.first().pk)],
        "ordre_du_jour": "Bilan",
        "compte_rendu": "Échanges",
        "decisions": "Ouvrir 5 places\nRevoir les objectifs",
    }
    url = reverse("partenaires:nouvelle_reunion", args=[monde.groupe.pk])
    soumettre(connecte(monde.referent_thematique), "post", url, donnees.draw(donnees_hostiles(valides)))


ENTETE_CSV = "siret;raison_sociale;nature;adresse;code_insee;site_web\n"


@REGLAGES
@given(
    lignes=st.lists(
        st.lists(
            st.one_of(st.sampled_from(["73282932000074", "Association", "association", "87085"]), VALEUR_HOSTILE),
            min_size=0,
            max_size=8,
        ),
        max_size=4,
    ),
    separateur=st.sampled_from([";", ",", "\t"]),
    encodage=st.sampled_from(["utf-8", "latin-1", "utf-16"]),
    mode=st.sampled_from(["simulation", "import"]),
    brut=st.one_of(st.just(b""), st.binary(max_size=300)),
)
def test_import_csv_de_partenaires(monde, lignes, separateur, encodage, mode, brut):
    from django.core.files.uploadedfile import SimpleUploadedFile

    texte = ENTETE_CSV + "".join(separateur.join(ligne) + "\n" for ligne in lignes)
    contenu = texte.encode(encodage, errors="replace") + brut
    fichier = SimpleUploadedFile("partenaires.csv", contenu, content_type="text/csv")
    url = reverse("partenaires:import_partenaires")
    soumettre(
        connecte(monde.administrateur),
        "post",
        url,
        {"fichier": fichier, "mode": mode},
        verifier_refus=rapport_en_francais,
    )


def rapport_en_francais(reponse):
    """An import that writes nothing shows its report: the errors by line, or a dry run that saved nothing."""
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    verifier_pas_d_anglais(contenu)
    assert (
        "Erreurs par ligne" in contenu
        or "Simulation : rien n'a été enregistré" in contenu
        or messages_d_erreur(reponse)
    )


@pytest.mark.parametrize(
    "contenu",
    [
        (ENTETE_CSV + "73282932000074;Régie\x00;association;;;\n").encode(),
        (ENTETE_CSV + "73282932000074;Régie\rde quartier;association;;;\n").encode(),
        (ENTETE_CSV + "73282932000074;" + "x" * 200_000 + ";association;;;\n").encode(),
        (ENTETE_CSV + '73282932000074;"Régie;association\n').encode(),
        b"\x00\x00\x00",
        b"\xff\xfe\x00\x00",
    ],
    ids=["nul", "retour-chariot", "champ-immense", "guillemet-ouvert", "que-des-nul", "binaire"],
)
@pytest.mark.parametrize("mode", ["simulation", "import"])
def test_import_csv_de_partenaires_fichiers_pieges(monde, contenu, mode):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fichier = SimpleUploadedFile("partenaires.csv", contenu, content_type="text/csv")
    url = reverse("partenaires:import_partenaires")
    reponse = soumettre(
        connecte(monde.administrateur),
        "post",
        url,
        {"fichier": fichier, "mode": mode},
        verifier_refus=rapport_en_francais,
    )
    assert reponse.status_code == 200
    assert "Erreurs par ligne" in reponse.content.decode()


DATES_EXTREMES = ["0001-01-01", "9999-12-31", "31/02/2025", "10000-01-01"]


@pytest.mark.parametrize("slug", SLUGS)
def test_dates_extremes_dans_chaque_champ_date_du_parcours(monde, slug):
    """Every date field of every event form, at the ends of the calendar, the rest of the form valid."""
    valides = {f"{slug}-{cle}": valeur for cle, valeur in _evenements(monde)[slug].items()}
    valides[f"{slug}-version"] = str(monde.parcours.version)
    champs_date = [cle for cle, valeur in valides.items() if valeur == J or cle.endswith(("date_debut", "date_fin"))]
    client = connecte(monde.travailleur_social)
    url = reverse("parcours:enregistrer", args=[monde.parcours.pk, slug])
    for champ in champs_date:
        for valeur in DATES_EXTREMES:
            soumettre(client, "post", url, {**valides, champ: valeur})
    if slug == "contrat":
        # A contract at the end of the calendar: its 12-month bound is past year 9999.
        soumettre(
            client, "post", url, {**valides, "contrat-date_debut": "9999-06-01", "contrat-date_fin": "9999-12-31"}
        )


@pytest.mark.parametrize("version", [ABSENT, "", "abc", "\x00", ["1", "x"]])
def test_version_cachee_forgee_refusee_avec_un_message_visible(monde, version):
    donnees = {"note-date": J, "note-texte": "Entretien."}
    if version is not ABSENT:
        donnees["note-version"] = version
    url = reverse("parcours:enregistrer", args=[monde.parcours.pk, "note"])
    reponse = soumettre(connecte(monde.travailleur_social), "post", url, donnees)
    assert reponse.status_code == 200
    assert "rechargez la page du parcours" in reponse.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_changement_d_etat_d_une_prescription_close_montre_le_refus(monde, htmx):
    url = reverse("partenaires:prescription_recue", args=[monde.prescriptions[EtatPrescription.SORTIE].pk])
    reponse = soumettre(connecte(monde.partenaire_user), "post", url, {"etat": "acceptee", "date": J}, htmx=htmx)
    assert "ne peut pas passer à l&#x27;état « acceptée »" in reponse.content.decode()


# --- evaluation and the new-entrants import (committed since) -------------------------------------------


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {
            "annee": str(AUJOURDHUI.year),
            "debut": "",
            "fin": "",
            "thematique": "@thematique",
            "mdd": "",
            "territoire": "",
        }
        | {"milieu": "urbain"}
    )
)
def test_filtres_du_tableau_de_bord(monde, donnees):
    soumettre(connecte(monde.administrateur), "get", reverse("evaluation:tableau_de_bord"), resoudre(donnees, monde))


@REGLAGES
@given(
    contenu=st.one_of(st.binary(max_size=400), _texte.map(lambda t: t.encode())),
    nom=st.sampled_from(["a.csv", "b.xlsx", "c.txt"]),
)
def test_depot_d_un_fichier_de_nouveaux_entrants(monde, contenu, nom):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fichier = SimpleUploadedFile(nom, contenu, content_type="text/csv")
    soumettre(connecte(monde.charge_orientation), "post", reverse("imports:depot"), {"fichier": fichier})


@REGLAGES
@given(
    donnees=donnees_hostiles(
        {"date": J, "periode_debut": "2025-01-01", "periode_fin": "2025-12-31", "participants": "DDETS, CAF"}
    )
)
def test_nouveau_comite_de_pilotage(monde, donnees):
    soumettre(connecte(monde.administrateur), "post", reverse("evaluation:comites"), donnees)


@REGLAGES
@given(donnees=donnees_hostiles({"texte": "Renforcer la mobilité."}))
def test_decision_du_comite(monde, donnees):
    from tests.evaluation.factories import ComitePilotageFactory

    comite = ComitePilotageFactory()
    soumettre(connecte(monde.administrateur), "post", reverse("evaluation:comite", args=[comite.pk]), donnees)


@REGLAGES
@given(donnees=donnees_hostiles({"annee": str(AUJOURDHUI.year - 1)}))
def test_nouveau_bilan_annuel(monde, donnees):
    soumettre(connecte(monde.administrateur), "post", reverse("evaluation:bilans"), donnees)


@REGLAGES
@given(donnees=donnees_hostiles({"avancees": "Des ateliers ouverts.", "difficultes": "La mobilité."}))
def test_texte_du_bilan_d_une_thematique(monde, donnees):
    from evaluation.models import BilanAnnuel
    from tests.evaluation.factories import BilanAnnuelFactory

    bilan = BilanAnnuel.objects.first() or BilanAnnuelFactory(annee=AUJOURDHUI.year - 1)
    url = reverse("evaluation:narratif", args=[bilan.pk, monde.thematique.pk])
    soumettre(connecte(monde.administrateur), "post", url, donnees)
