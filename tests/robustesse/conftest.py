"""A small département with every kind of record, one account per role, and the checks shared by the
robustness tests (what a refused input must look like, and the fingerprint of what the database holds)."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.db.models import Max, Sum
from django.test.utils import ContextList
from django.utils import timezone
from django.utils.html import escape

from parcours.choices import EtatContrat, EtatPrescription
from parcours.models import TransitionPrescription
from tests.pacte.factories import (
    CommuneFactory,
    MDDFactory,
    ObjectifFactory,
    SiteFactory,
    ThematiqueFactory,
    UserFactory,
)
from tests.parcours.factories import (
    BeneficiaireFactory,
    ChangementReferentFactory,
    ContratEngagementFactory,
    FreinFactory,
    NoteFactory,
    OrientationFactory,
    ParcoursFactory,
    PrescriptionFactory,
    RendezVousFactory,
    SortieFactory,
    TransfertFactory,
)
from tests.partenaires.factories import (
    ActionFactory,
    AjustementFactory,
    CofinancementFactory,
    DecisionReunionFactory,
    FinancementFactory,
    GroupeTravailFactory,
    MembreGroupeFactory,
    ObjectifActionFactory,
    PartenaireFactory,
    ResultatActionFactory,
    ReunionGroupeFactory,
    VersementFactory,
)

MOT_DE_PASSE = "mot-de-passe-de-test"

# Django's own messages when a translation is missing: none of them may reach a page.
MESSAGES_ANGLAIS = re.compile(
    r"This field is required|Enter a valid|Select a valid choice|Null characters are not allowed"
    r"|Ensure this value|Enter a whole number|Enter a number|is not one of the available choices"
    r"|The two password fields|Your old password was entered incorrectly|This password is too"
    r"|Please enter a correct|The submitted file is empty|No file was submitted|Server Error|Bad Request"
    r"|Traceback|Not Found</h1>"
)


@dataclass
class Monde:
    mdd: object
    autre_mdd: object
    commune: object
    thematique: object
    objectif: object
    travailleur_social: object
    collegue: object
    responsable_mdd: object
    charge_orientation: object
    referent_thematique: object
    administrateur: object
    partenaire_user: object
    partenaire: object
    financement: object
    action: object
    action_pleine: object
    parcours: object
    parcours_nouveau: object
    parcours_clos: object
    prescriptions: dict
    groupe: object
    reunion: object

    def comptes(self):
        return {
            "travailleur_social": self.travailleur_social,
            "responsable_mdd": self.responsable_mdd,
            "charge_orientation": self.charge_orientation,
            "referent_thematique": self.referent_thematique,
            "partenaire": self.partenaire_user,
            "administrateur": self.administrateur,
        }


def construire_monde() -> Monde:
    aujourdhui = timezone.localdate()
    mdd = MDDFactory(nom="MDD Limoges Les Carmes")
    autre_mdd = MDDFactory(nom="MDD Châlus", territoire=mdd.territoire)
    commune = CommuneFactory(nom="Limoges", mdd=mdd)
    site = SiteFactory(mdd=mdd, commune=commune, nom="Site des Carmes")
    thematique = ThematiqueFactory(numero=1, intitule="Mieux orienter")
    objectif = ObjectifFactory(thematique=thematique, intitule="Orienter vite")

    travailleur_social = UserFactory(travailleur_social=True, mdds=[mdd], email="ts@departement.test")
    collegue = UserFactory(travailleur_social=True, mdds=[mdd], email="collegue@departement.test")
    responsable = UserFactory(responsable_mdd=True, mdds=[mdd], email="responsable@departement.test")
    charge = UserFactory(charge_orientation=True, email="orientation@departement.test")
    referent = UserFactory(referent_thematique=True, thematiques=[thematique], email="referent@departement.test")
    administrateur = UserFactory(administrateur=True, email="admin@departement.test")
    partenaire = PartenaireFactory(raison_sociale="Association Tremplin", commune=commune)
    partenaire_user = UserFactory(partenaire_user=True, partenaire=partenaire, email="partenaire@tremplin.test")

    financement = FinancementFactory(partenaire=partenaire, date_fin=aujourdhui + datetime.timedelta(days=400))
    VersementFactory(financement=financement, montant=Decimal("10000.00"))
    CofinancementFactory(financement=financement)
    debut = aujourdhui - datetime.timedelta(days=300)
    fin = aujourdhui + datetime.timedelta(days=400)
    action = ActionFactory(
        intitule="Atelier mobilité",
        objectif=objectif,
        partenaire=partenaire,
        financement=financement,
        date_debut=debut,
        date_fin=fin,
        places=10,
    )
    action.sites.add(site)
    action.territoires.add(mdd.territoire)
    action_pleine = ActionFactory(
        intitule="Chantier d'insertion", objectif=objectif, partenaire=partenaire, date_debut=debut, date_fin=fin
    )
    action_pleine.places = 1
    action_pleine.save()
    ObjectifActionFactory(action=action, indicateur="participants", valeur_cible=20)
    ResultatActionFactory(action=action, periode_debut=debut, periode_fin=debut + datetime.timedelta(days=90))
    groupe = GroupeTravailFactory(thematique=thematique)
    membre = MembreGroupeFactory(groupe=groupe, partenaire=partenaire)
    reunion = ReunionGroupeFactory(groupe=groupe, date=aujourdhui - datetime.timedelta(days=30))
    reunion.participants.add(membre)
    decision = DecisionReunionFactory(reunion=reunion)
    AjustementFactory(action=action, auteur=referent, decision_reunion=decision, date=aujourdhui)

    entree = aujourdhui - datetime.timedelta(days=200)
    ouverture = entree - datetime.timedelta(days=10)
    # The main parcours: oriented, a draft and a signed contract, an open obstacle, a past planned meeting...
    parcours = ParcoursFactory(
        mdd=mdd,
        referent=travailleur_social,
        date_ouverture_droit=ouverture,
        date_entree=entree,
        beneficiaire=BeneficiaireFactory(nom="Lefèvre", prenom="Hélène", commune=commune),
    )
    OrientationFactory(parcours=parcours, date_decision=entree + datetime.timedelta(days=5), decidee_par=charge)
    signe = ContratEngagementFactory(
        parcours=parcours,
        date_debut=entree + datetime.timedelta(days=10),
        date_fin=entree + datetime.timedelta(days=300),
        date_signature=entree + datetime.timedelta(days=10),
        etat=EtatContrat.SIGNE,
    )
    ContratEngagementFactory(
        parcours=parcours,
        date_debut=entree + datetime.timedelta(days=20),
        date_fin=entree + datetime.timedelta(days=320),
        date_signature=None,
        etat=EtatContrat.BROUILLON,
    )
    parcours.contrat_courant = signe
    parcours.save(update_fields=["contrat_courant"])
    FreinFactory(parcours=parcours, categorie="mobilite", date_identification=entree)
    FreinFactory(
        parcours=parcours, categorie="logement", date_identification=entree, date_levee=entree + datetime.timedelta(5)
    )
    hier = timezone.now() - datetime.timedelta(days=1)
    RendezVousFactory(parcours=parcours, date=hier, presence="prevu", avec=travailleur_social)
    RendezVousFactory(parcours=parcours, date=hier - datetime.timedelta(days=30), presence="present")
    RendezVousFactory(parcours=parcours, date=timezone.now() + datetime.timedelta(days=7), presence="prevu")
    NoteFactory(parcours=parcours, date=entree + datetime.timedelta(days=1), texte="Premier entretien.")
    ChangementReferentFactory(parcours=parcours, nouveau=travailleur_social, date=entree)
    TransfertFactory(
        parcours=parcours, mdd_origine=autre_mdd, mdd_destination=mdd, date=entree + datetime.timedelta(days=2)
    )

    # A new entrant, not oriented (the chargé d'orientation's queue) and a closed parcours.
    parcours_nouveau = ParcoursFactory(
        mdd=mdd,
        date_ouverture_droit=aujourdhui - datetime.timedelta(days=40),
        date_entree=aujourdhui - datetime.timedelta(days=35),
        beneficiaire=BeneficiaireFactory(nom="Nouvel", prenom="Entrant"),
    )
    parcours_clos = ParcoursFactory(
        mdd=mdd,
        date_ouverture_droit=ouverture,
        date_entree=entree,
        date_sortie=aujourdhui - datetime.timedelta(days=10),
        beneficiaire=BeneficiaireFactory(nom="Sorti", prenom="Paul"),
    )
    SortieFactory(parcours=parcours_clos, date=parcours_clos.date_sortie)

    # Prescriptions in every state, each with its transition rows, on parcours of the MDD.
    prescriptions = {}
    jour = aujourdhui - datetime.timedelta(days=60)
    chemins = {
        EtatPrescription.PROPOSEE: [],
        EtatPrescription.ACCEPTEE: [EtatPrescription.ACCEPTEE],
        EtatPrescription.REFUSEE: [EtatPrescription.REFUSEE],
        EtatPrescription.ENTREE: [EtatPrescription.ACCEPTEE, EtatPrescription.ENTREE],
        EtatPrescription.SORTIE: [EtatPrescription.ACCEPTEE, EtatPrescription.ENTREE, EtatPrescription.SORTIE],
        EtatPrescription.ABANDON: [EtatPrescription.ACCEPTEE, EtatPrescription.ABANDON],
    }
    for etat, chemin in chemins.items():
        cible = parcours if etat == EtatPrescription.PROPOSEE else ParcoursFactory(mdd=mdd, date_entree=entree)
        champs = {}
        if EtatPrescription.ENTREE in chemin:
            champs["date_entree"] = jour + datetime.timedelta(days=5)
        if etat == EtatPrescription.SORTIE:
            champs.update(date_sortie=jour + datetime.timedelta(days=20), type_sortie="emploi_durable")
        if etat == EtatPrescription.ABANDON:
            champs["motif"] = "Déménagement"
        if etat == EtatPrescription.REFUSEE:
            champs["motif"] = "Public non concerné"
        prescription = PrescriptionFactory(
            parcours=cible,
            action=action,
            prescripteur=travailleur_social,
            etat=etat,
            date_proposition=jour,
            **champs,
        )
        avant = ""
        for apres in [EtatPrescription.PROPOSEE, *chemin]:
            TransitionPrescription.objects.create(
                prescription=prescription, etat_avant=avant, etat_apres=apres, par=travailleur_social
            )
            avant = apres
        prescriptions[etat] = prescription
    # The full action: its only place is taken.
    PrescriptionFactory(
        parcours=ParcoursFactory(mdd=autre_mdd, date_entree=entree),
        action=action_pleine,
        prescripteur=travailleur_social,
        etat=EtatPrescription.ENTREE,
        date_proposition=jour,
        date_entree=jour,
    )
    return Monde(
        mdd=mdd,
        autre_mdd=autre_mdd,
        commune=commune,
        thematique=thematique,
        objectif=objectif,
        travailleur_social=travailleur_social,
        collegue=collegue,
        responsable_mdd=responsable,
        charge_orientation=charge,
        referent_thematique=referent,
        administrateur=administrateur,
        partenaire_user=partenaire_user,
        partenaire=partenaire,
        financement=financement,
        action=action,
        action_pleine=action_pleine,
        parcours=parcours,
        parcours_nouveau=parcours_nouveau,
        parcours_clos=parcours_clos,
        prescriptions=prescriptions,
        groupe=groupe,
        reunion=reunion,
    )


@pytest.fixture
def monde(db):
    return construire_monde()


# --- What the database holds ------------------------------------------------------------------------------

APPS_METIER = ("pacte", "parcours", "partenaires", "evaluation")
HORS_EMPREINTE = {"journalacces", "tachedefond"}


def _modeles():
    for app in APPS_METIER:
        try:
            config = apps.get_app_config(app)
        except LookupError:
            continue
        for modele in config.get_models(include_auto_created=True):
            if modele._meta.model_name in HORS_EMPREINTE:
                continue
            yield modele


def empreinte() -> dict:
    """Row count of every business table (history and m2m included) and the marks of an update."""
    resultat = {}
    for modele in _modeles():
        qs = modele._default_manager.all() if not modele._meta.auto_created else modele.objects.all()
        noms = {f.attname for f in modele._meta.concrete_fields}
        agregats = {}
        if "updated_at" in noms:
            agregats["maj"] = Max("updated_at")
        if "version" in noms:
            agregats["version"] = Sum("version")
        resultat[modele._meta.label] = (qs.count(), tuple(sorted(qs.aggregate(**agregats).items())) if agregats else ())
    return resultat


def differences(avant: dict, apres: dict) -> dict:
    return {
        cle: (avant.get(cle), apres.get(cle)) for cle in set(avant) | set(apres) if avant.get(cle) != apres.get(cle)
    }


# --- What a refused input must look like ------------------------------------------------------------------


def formulaires_du_contexte(reponse):
    """Every bound form (or filter form) the view put in the page."""
    trouves = []
    if reponse.context is None:
        return trouves
    vus = set()
    contextes = reponse.context if isinstance(reponse.context, ContextList) else [reponse.context]
    for sous_contexte in contextes:
        for valeur in sous_contexte.flatten().values():
            candidats = valeur if isinstance(valeur, list | tuple) else [valeur]
            for candidat in candidats:
                formulaire = getattr(candidat, "form", candidat)
                if isinstance(formulaire, forms.BaseForm) and id(formulaire) not in vus:
                    vus.add(id(formulaire))
                    trouves.append(formulaire)
    return trouves


def messages_d_erreur(reponse) -> list[str]:
    messages = []
    for formulaire in formulaires_du_contexte(reponse):
        if formulaire.is_bound:
            for liste in formulaire.errors.values():
                messages.extend(str(m) for m in liste)
    return messages


def verifier_pas_d_anglais(contenu: str):
    anglais = MESSAGES_ANGLAIS.search(contenu)
    assert anglais is None, f"message en anglais dans la page : {contenu[max(0, anglais.start() - 200) :][:400]}"
    assert "VARIABLE INCONNUE" not in contenu


# How each theme marks an error: the DSFR's alert and field error, the «collectivite» theme's.
MARQUES_D_ERREUR = ("fr-alert--error", "fr-error-text", "alert-danger", "pacte-erreur")


def verifier_refus_en_francais(reponse):
    """A refused input: the form again (or a 404 page), a French error, nothing in English."""
    assert reponse.status_code in (200, 400, 404), reponse.status_code
    contenu = reponse.content.decode()
    verifier_pas_d_anglais(contenu)
    if reponse.status_code == 404:
        assert "Page introuvable" in contenu
        return
    erreurs = messages_d_erreur(reponse)
    if not erreurs:
        # An htmx partial (django-template-partials) does not hand its context to the test client.
        assert any(m in contenu for m in MARQUES_D_ERREUR), "refus sans message d'erreur"
    for message in erreurs:
        assert not MESSAGES_ANGLAIS.search(message), message
    if erreurs:
        assert any(escape(message) in contenu for message in erreurs), f"erreurs absentes de la page : {erreurs}"
