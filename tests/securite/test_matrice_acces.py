"""Every URL of the app, every role and an anonymous visitor: the status is the one declared here.

A new URL without a line in MATRICE fails `test_chaque_url_a_une_ligne_dans_la_matrice`: whoever adds a page
declares who may open it. Columns: anonyme, travailleur social, responsable de MDD, chargé d'orientation,
référent thématique, partenaire, administrateur. GET requests; 405 = the page only accepts POST (shown
only to roles allowed to post there: others get 404). The API answers 401 without credentials and 403 to
roles an endpoint is not for (prescriptions are the partners'); the chargé d'orientation opens a parcours
through its orientation page, MDD agents see their own MDD's people waiting for an orientation.
"""

import datetime
import os

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from courriers.invitations import jeton
from courriers.modeles import installer_modeles_par_defaut
from courriers.models import Invitation, Message, ModeleCourrier
from pacte.models import User
from parcours.models import DemandeReorientation
from tests.pacte.factories import PacteFactory
from tests.securite.monde import ROLES, construire_monde


def _demande_reorientation(m):
    demande = DemandeReorientation.objects.create(
        parcours=m["parcours"],
        demandee_par=User.objects.order_by("pk").first(),
        date_demande=timezone.localdate(),
        type_souhaite="sociale",
        organisme_souhaite="ccas",
        motif="Changement de situation",
    )
    return {"pk": demande.pk}


def _pk(cle):
    return lambda m: {"pk": m[cle].pk}


def _modele_courrier(m):
    PacteFactory()
    installer_modeles_par_defaut("87")
    return {"pk": ModeleCourrier.objects.get(nature="convocation").pk}


def _lettre(m):
    version = _modele_courrier(m) and ModeleCourrier.objects.get(nature="convocation").version_courante
    message = Message.objects.create(
        parcours=m["parcours"], nature="convocation", canal="courrier", version=version, objet="o", contenu="c"
    )
    return {"pk": message.pk}


def _jeton(m):
    invitation = Invitation.objects.create(
        parcours=m["parcours"], expire_le=timezone.now() + datetime.timedelta(days=3)
    )
    return {"jeton": jeton(invitation.pk)}


M = {
    # name: (kwargs, "anon TS RMDD CO RT P ADM")
    "accueil": (None, "302 200 200 200 200 200 200"),
    "login": (None, "200 302 302 302 302 302 302"),
    "logout": (None, "405 405 405 405 405 405 405"),
    "accessibilite": (None, "200 200 200 200 200 200 200"),
    # No brand in this world: no logo, whatever the fingerprint asked.
    "logo": (lambda m: {"empreinte": "0" * 16}, "404 404 404 404 404 404 404"),
    "password_change": (None, "302 200 200 200 200 200 200"),
    "password_change_done": (None, "302 200 200 200 200 200 200"),
    "journal_acces": (None, "302 404 404 404 404 404 200"),
    "droit_d_acces": (None, "302 404 404 404 404 404 200"),
    "droit_d_acces_export": (lambda m: {"pk": m["parcours"].beneficiaire_id}, "302 404 404 404 404 404 200"),
    "jeton_api": (None, "302 200 200 200 200 200 200"),
    # ProConnect answers 404 while it is not configured (tests/proconnect/ run it against a real provider)
    "proconnect_debut": (None, "404 404 404 404 404 404 404"),
    "proconnect_retour": (None, "404 404 404 404 404 404 404"),
    "proconnect_attente": (None, "404 404 404 404 404 404 404"),
    "demandes_acces": (None, "302 404 404 404 404 404 200"),
    "demande_acces": (lambda m: {"pk": 999999}, "302 404 404 404 404 404 404"),
    "tache": (_pk("tache"), "302 404 404 404 404 404 200"),
    "tache_fichier": (_pk("tache"), "302 404 404 404 404 404 404"),
    # parcours
    "parcours:file_active": (None, "302 200 200 404 404 404 404"),
    "parcours:a_orienter": (None, "302 200 200 200 404 404 404"),
    "parcours:export_file_active": (None, "302 404 200 404 404 404 404"),
    "parcours:reorientations": (None, "302 404 200 200 404 404 404"),
    "page_mdd": (_pk("mdd"), "302 404 200 404 404 404 404"),
    "parcours:decider_reorientation": (_demande_reorientation, "302 404 200 200 404 404 404"),
    # Every user marks their own notices read (POST only); another's answers 404 (tests/parcours/test_sortie_…).
    "parcours:avis_lu": (lambda m: {"pk": 999999}, "302 405 405 405 405 405 405"),
    "parcours:creer": (None, "302 200 200 200 404 404 404"),
    "parcours:fiche": (_pk("parcours"), "302 200 200 404 404 404 404"),
    "parcours:historique": (_pk("parcours"), "302 200 200 404 404 404 404"),
    "parcours:orienter": (_pk("parcours"), "302 200 200 200 404 404 404"),
    "parcours:enregistrer": (lambda m: {"pk": m["parcours"].pk, "evenement": "note"}, "302 200 200 404 404 404 404"),
    # new entrants import
    "imports:depot": (None, "302 404 404 200 404 404 200"),
    "imports:format": (None, "302 404 404 200 404 404 200"),
    # A chargé d'orientation's import (names, numbers, birth dates): not for the administrator (issue 15).
    "imports:apercu": (_pk("import"), "302 404 404 200 404 404 404"),
    "imports:confirmer": (_pk("import"), "302 404 404 405 404 404 405"),
    "imports:suivi": (_pk("import"), "302 404 404 200 404 404 404"),
    "imports:resume": (_pk("import"), "302 404 404 200 404 404 404"),
    "imports:refus_csv": (_pk("import"), "302 404 404 200 404 404 404"),
    # partenaires
    "partenaires:mes_actions": (None, "302 404 404 404 200 404 200"),
    "partenaires:action": (_pk("action"), "302 404 404 404 200 200 200"),
    "partenaires:ajouter_ajustement": (_pk("action"), "302 404 404 404 200 404 200"),
    "partenaires:saisir_resultat": (_pk("action"), "302 404 404 404 200 200 200"),
    "partenaires:corriger_resultat": (
        lambda m: {"pk": m["action"].pk, "resultat_pk": m["resultat"].pk},
        "302 404 404 404 200 200 200",
    ),
    "partenaires:catalogue": (None, "302 200 200 200 200 404 200"),
    "partenaires:prescrire": (
        lambda m: ({"pk": m["action"].pk}, f"parcours={m['parcours'].pk}"),
        "302 200 200 200 404 404 404",
    ),
    "partenaires:prescriptions_recues": (None, "302 404 404 404 404 200 404"),
    "partenaires:prescription_recue": (_pk("prescription"), "302 404 404 404 404 200 404"),
    "partenaires:groupes": (None, "302 404 404 404 200 404 200"),
    "partenaires:groupe": (_pk("groupe"), "302 404 404 404 200 404 200"),
    "partenaires:nouvelle_reunion": (_pk("groupe"), "302 404 404 404 200 404 200"),
    "partenaires:reunion": (_pk("reunion"), "302 404 404 404 200 404 200"),
    "partenaires:gestion": (None, "302 404 404 404 404 404 200"),
    "partenaires:nouveau_partenaire": (None, "302 404 404 404 404 404 200"),
    "partenaires:modifier_partenaire": (_pk("partenaire"), "302 404 404 404 404 404 200"),
    "partenaires:import_partenaires": (None, "302 404 404 404 404 404 200"),
    "partenaires:nouveau_financement": (None, "302 404 404 404 404 404 200"),
    "partenaires:financement": (_pk("financement"), "302 404 404 404 404 404 200"),
    "partenaires:modifier_financement": (_pk("financement"), "302 404 404 404 404 404 200"),
    "partenaires:nouvelle_action": (None, "302 404 404 404 404 404 200"),
    "partenaires:modifier_action": (_pk("action"), "302 404 404 404 404 404 200"),
    # evaluation
    "evaluation:fiches": (None, "302 404 404 404 200 404 200"),
    "evaluation:tableau_de_bord": (None, "302 404 404 404 200 404 200"),
    "evaluation:export_indicateurs": (lambda m: {"format_": "csv"}, "302 404 404 404 200 404 200"),
    "evaluation:export_actions": (lambda m: {"format_": "csv"}, "302 404 404 404 200 404 200"),
    "evaluation:export_en_tache": (
        lambda m: {"nature": "indicateurs", "format_": "xlsx"},
        "302 404 404 404 405 404 405",
    ),
    "evaluation:export_donnees_ouvertes": (None, "302 404 404 404 200 404 200"),
    "evaluation:bilans": (None, "302 404 404 404 200 404 200"),
    "evaluation:comparer": (None, "302 404 404 404 200 404 200"),
    "evaluation:bilan": (_pk("bilan"), "302 404 404 404 200 404 200"),
    "evaluation:narratif": (
        lambda m: {"pk": m["bilan"].pk, "thematique_id": m["thematique"].pk},
        "302 404 404 404 200 404 200",
    ),
    "evaluation:soumettre": (_pk("bilan"), "302 404 404 404 404 404 405"),
    "evaluation:renvoyer": (_pk("bilan"), "302 404 404 404 404 404 405"),
    # the world's bilan is a draft: no approval form for it (tests/evaluation/test_admin_soumission_et_approbation.py)
    "evaluation:approuver": (_pk("bilan"), "302 404 404 404 404 404 404"),
    "evaluation:nouvelle_version": (_pk("bilan"), "302 404 404 404 404 404 405"),
    "evaluation:bilan_pdf": (_pk("bilan"), "302 404 404 404 404 404 404"),
    "evaluation:comites": (None, "302 404 404 404 200 404 200"),
    "evaluation:comite": (_pk("comite"), "302 404 404 404 200 404 200"),
    "evaluation:comite_generer_pdf": (_pk("comite"), "302 404 404 404 404 404 405"),
    "evaluation:comite_pdf": (_pk("comite"), "302 404 404 404 404 404 404"),
    # courriers: the agenda of the MDD agents, invitations by those who follow or orient, templates by the admin;
    # the person's booking page and the providers' callbacks are public (a signed link, a signed request)
    "courriers:agenda": (None, "302 200 200 404 404 404 200"),
    "courriers:creer_creneaux": (None, "302 200 200 404 404 404 200"),
    "courriers:inviter": (_pk("parcours"), "302 200 200 200 404 404 404"),
    "courriers:convoquer": (_pk("parcours"), "302 200 200 200 404 404 404"),
    "courriers:courriers_parcours": (_pk("parcours"), "302 200 200 200 404 404 404"),
    "courriers:lettre_parcours": (
        lambda m: {"pk": m["parcours"].pk, "nature": "contrat_engagement"},
        "302 302 302 302 404 404 404",
    ),
    "courriers:inviter_en_nombre": (None, "302 200 200 200 404 404 404"),
    "courriers:lettre_message": (_lettre, "302 200 200 200 404 404 404"),
    "courriers:lettres_en_nombre": (None, "302 302 302 302 404 404 404"),
    "courriers:modeles": (None, "302 404 404 404 404 404 200"),
    "courriers:modele": (_modele_courrier, "302 404 404 404 404 404 200"),
    "courriers:apercu": (_modele_courrier, "302 404 404 404 404 404 200"),
    "courriers:rappel_fournisseur": (lambda m: {"fournisseur": "brevo"}, "405 405 405 405 405 405 405"),
    "courriers:rappel_fournisseur_jeton": (
        lambda m: {"fournisseur": "brevo", "jeton": settings.RAPPELS_JETON},
        "405 405 405 405 405 405 405",
    ),
    "rdv:page": (_jeton, "200 200 200 200 200 200 200"),
    # droits et devoirs: MDD agents; EP sessions for the agents of the territory and the members who sit in them
    "droits:manquements": (None, "302 200 200 404 404 404 404"),
    "droits:ouvrir": (_pk("parcours"), "302 200 200 404 404 404 404"),
    "droits:heures": (_pk("parcours"), "302 200 200 404 404 404 404"),
    "droits:manquement": (_pk("manquement"), "302 200 200 404 404 404 404"),
    "droits:agir": (lambda m: {"pk": m["manquement"].pk, "action": "observation"}, "302 405 405 404 404 404 404"),
    "droits:courrier": (
        lambda m: {"pk": m["manquement"].pk, "nature": "information"},
        "302 200 200 404 404 404 404",
    ),
    "droits:decider": (_pk("manquement"), "302 404 200 404 404 404 404"),
    "droits:export": (None, "302 404 200 404 404 404 404"),
    "droits:export_fichier": (lambda m: {"pk": 999999}, "302 404 404 404 404 404 404"),
    "droits:seances": (None, "302 200 200 200 200 200 200"),
    "droits:seance": (_pk("seance_ep"), "302 200 200 404 404 200 200"),
    "droits:dossier": (_pk("dossier_ep"), "302 200 200 404 404 200 404"),
    "droits:proces_verbal": (_pk("seance_ep"), "302 302 302 404 404 302 302"),
    # API: token or session; reference data for every agent, catalogue for prescribers, prescriptions for partners
    "api:api-root": (None, "401 200 200 200 200 200 200"),
    "api:schema": (None, "401 200 200 200 200 200 200"),
    "api:docs": (None, "302 200 200 200 200 200 200"),
    "api:redoc": (None, "302 200 200 200 200 200 200"),
    "api:fiches": (None, "401 403 403 403 200 403 200"),
    "api:indicateurs": (None, "401 403 403 403 200 403 200"),
    "api:thematique-list": (None, "401 200 200 200 200 200 200"),
    "api:thematique-detail": (_pk("thematique"), "401 200 200 200 200 200 200"),
    "api:objectif-list": (None, "401 200 200 200 200 200 200"),
    "api:objectif-detail": (lambda m: {"pk": m["action"].objectif_id}, "401 200 200 200 200 200 200"),
    "api:territoire-list": (None, "401 200 200 200 200 200 200"),
    "api:territoire-detail": (lambda m: {"pk": m["mdd"].territoire_id}, "401 200 200 200 200 200 200"),
    "api:mdd-list": (None, "401 200 200 200 200 200 200"),
    "api:mdd-detail": (_pk("mdd"), "401 200 200 200 200 200 200"),
    "api:site-list": (None, "401 200 200 200 200 200 200"),
    "api:site-detail": (lambda m: {"pk": 999999}, "401 404 404 404 404 404 404"),
    "api:commune-list": (None, "401 200 200 200 200 200 200"),
    "api:commune-detail": (lambda m: {"pk": 999999}, "401 404 404 404 404 404 404"),
    # The catalogue is the prescribers' (the page answers 404 to a partner): a partner reads its own actions elsewhere
    "api:action-list": (None, "401 200 200 200 200 403 200"),
    "api:action-detail": (_pk("action"), "401 200 200 200 200 403 200"),
    "api:prescription-list": (None, "401 403 403 403 403 200 403"),
    "api:prescription-detail": (_pk("prescription"), "401 403 403 403 403 200 403"),
    "api:prescription-changer-etat": (_pk("prescription"), "401 403 403 403 403 405 403"),
}
MATRICE = {nom: (kwargs, [int(s) for s in statuts.split()]) for nom, (kwargs, statuts) in M.items()}


def _noms_d_url(patterns=None, ns=""):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            espace = f"{ns}:{p.namespace}" if (ns and p.namespace) else (p.namespace or ns)
            if espace == "admin":
                continue
            yield from _noms_d_url(p.url_patterns, espace)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{ns}:{p.name}" if ns else p.name


def test_chaque_url_a_une_ligne_dans_la_matrice():
    noms = set(_noms_d_url())
    manquants = sorted(noms - MATRICE.keys())
    assert not manquants, f"Adresses sans ligne dans la matrice d'accès : {manquants}"
    assert not sorted(MATRICE.keys() - noms), "Lignes de la matrice pour des adresses qui n'existent plus"


@pytest.mark.django_db
def test_chaque_role_obtient_le_statut_declare(client):
    monde = construire_monde()
    ecarts, observe = [], {}
    for nom, (kwargs, attendus) in sorted(MATRICE.items()):
        arguments = kwargs(monde) if kwargs else None
        requete = ""
        if isinstance(arguments, tuple):
            arguments, requete = arguments
        url = reverse(nom, kwargs=arguments) + (f"?{requete}" if requete else "")
        obtenus = []
        for role in ROLES:
            client.logout()
            if role != "anonyme":
                client.force_login(monde["users"][role])
            obtenus.append(client.get(url).status_code)
        observe[nom] = obtenus
        for role, attendu, obtenu in zip(ROLES, attendus, obtenus, strict=True):
            if attendu != obtenu:
                ecarts.append(f"{nom} ({url}) en {role} : {obtenu} au lieu de {attendu}")
    if os.environ.get("MATRICE_AFFICHER"):
        for nom, obtenus in observe.items():
            print(f'    "{nom}": "{" ".join(map(str, obtenus))}"')
    assert not ecarts, "\n".join(ecarts)
