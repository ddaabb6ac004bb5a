"""Demo pathways: beneficiaries spread over the 27 MDD, several years of events, every situation of the pages.

Called by `manage.py generer_demo` after config.demo.partenaires.generer (its actions receive prescriptions).
Deterministic: only ctx.rng, ctx.faker and ctx.aujourdhui. Everything is written with bulk_create; the
timestamps (created_at, transition dates) are set to the simulated dates, not to the generation time.
"""

import contextlib
import datetime
import zoneinfo
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import OuterRef, Subquery

from config.demo.comptes import DEMO_DOMAIN
from pacte.choices import TypeSortie
from pacte.models import MDD, Commune, Role, User
from pacte.text import normaliser
from parcours.choices import (
    CategorieFrein,
    EtatContrat,
    EtatPrescription,
    NatureRendezVous,
    OrganismeReferent,
    Presence,
    Qualite,
    TypeOrientation,
)
from parcours.faits import recalculer_premieres_dates, recopier_noms
from parcours.models import (
    Beneficiaire,
    ChangementReferent,
    ContratEngagement,
    Frein,
    Note,
    Orientation,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
    Transfert,
    TransitionPrescription,
)
from partenaires.models import Action

DEBUT = datetime.date(2021, 1, 4)
FUSEAU = zoneinfo.ZoneInfo(settings.TIME_ZONE)
MOT_DE_PASSE_INUTILISABLE = "!compte-de-demonstration-sans-connexion"
LOT = 1000

ORGANISMES = {
    TypeOrientation.PROFESSIONNELLE: [
        (OrganismeReferent.FRANCE_TRAVAIL, 8),
        (OrganismeReferent.CAP_EMPLOI, 1),
        (OrganismeReferent.MISSION_LOCALE, 2),
    ],
    TypeOrientation.SOCIO_PROFESSIONNELLE: [(OrganismeReferent.DEPARTEMENT, 5), (OrganismeReferent.ASSOCIATION, 2)],
    TypeOrientation.SOCIALE: [
        (OrganismeReferent.DEPARTEMENT, 7),
        (OrganismeReferent.CCAS, 2),
        (OrganismeReferent.ASSOCIATION, 1),
    ],
}
FREINS = [
    (CategorieFrein.MOBILITE, 9),
    (CategorieFrein.LOGEMENT, 6),
    (CategorieFrein.SANTE, 5),
    (CategorieFrein.GARDE_ENFANTS, 4),
    (CategorieFrein.FRANCAIS, 2),
    (CategorieFrein.NUMERIQUE, 6),
    (CategorieFrein.FINANCES, 5),
    (CategorieFrein.DEMARCHES, 4),
    (CategorieFrein.JUSTICE, 1),
]
SORTIES = [
    (TypeSortie.EMPLOI_DURABLE, 6),
    (TypeSortie.EMPLOI_TRANSITION, 6),
    (TypeSortie.IAE, 3),
    (TypeSortie.FORMATION, 3),
    (TypeSortie.CREATION_ENTREPRISE, 1),
    (TypeSortie.FIN_DE_DROITS, 4),
    (TypeSortie.DEMENAGEMENT, 3),
    (TypeSortie.AUTRE, 2),
]
OBJECTIFS = [
    "Construire un projet professionnel dans l'aide à la personne.",
    "Obtenir le permis de conduire et rechercher un emploi dans la logistique.",
    "Suivre une formation qualifiante en maçonnerie.",
    "Stabiliser la situation de logement puis reprendre une activité.",
    "Apprendre le français à visée professionnelle.",
    "Rechercher un emploi dans la restauration, 20 heures par semaine.",
    "Accéder à un chantier d'insertion puis à un emploi durable.",
    "Régulariser la situation administrative et ouvrir les droits santé.",
    "Créer une micro-entreprise de services à domicile.",
    "Reprendre confiance et participer aux ateliers collectifs.",
]
NOTES = [
    "Entretien de suivi : démarches engagées, prochaine étape fixée.",
    "Point sur la recherche d'emploi : deux candidatures envoyées.",
    "Appel téléphonique : la personne confirme sa présence à l'atelier.",
    "Dossier de demande d'aide à la mobilité transmis.",
    "Bilan à mi-parcours du contrat d'engagement.",
    "Orientation vers l'atelier numérique de la MDD.",
    "Échange avec le partenaire sur l'entrée en action.",
]
MOTIFS_REORIENTATION = [
    "Projet professionnel construit : passage vers un accompagnement emploi.",
    "Difficultés sociales à lever avant la recherche d'emploi.",
    "Demande de la personne après l'équipe pluridisciplinaire.",
]


def _poids(rng, options):
    valeurs, poids = zip(*options, strict=True)
    return rng.choices(valeurs, weights=poids)[0]


def _jour(rng, debut, fin):
    if fin <= debut:
        return debut
    return debut + datetime.timedelta(days=rng.randint(0, (fin - debut).days))


def _moment(jour, heure, minute=0):
    return datetime.datetime.combine(jour, datetime.time(heure, minute), tzinfo=FUSEAU)


def _ajouter_mois(jour, mois):
    annee, index = divmod(jour.month - 1 + mois, 12)
    return jour.replace(year=jour.year + annee, month=index + 1, day=min(jour.day, 28))


@contextlib.contextmanager
def _horodatage_simule(*modeles):
    """bulk_create keeps the simulated created_at / date values instead of stamping the generation time."""
    champs = [
        f
        for m in modeles
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    etats = [(f, f.auto_now, f.auto_now_add) for f in champs]
    for f in champs:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in etats:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _agents(ctx, mdds):
    """A few extra social workers per MDD and two chargés d'orientation; no one can log in with them."""
    faker = ctx.faker
    prevus = []
    for mdd in mdds:
        nombre = 4 if mdd.code.startswith("LIM") else 2
        for _ in range(nombre):
            prenom, nom = faker.first_name(), faker.last_name()
            prevus.append((mdd, Role.TRAVAILLEUR_SOCIAL, prenom, nom))
    for _ in range(2):
        prevus.append((None, Role.CHARGE_ORIENTATION, faker.first_name(), faker.last_name()))
    emails = []
    for index, (_mdd, _role, prenom, nom) in enumerate(prevus):
        local = normaliser(f"{prenom} {nom}").replace(" ", ".")
        emails.append(f"{local}.{index}@{DEMO_DOMAIN}")
    existants = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    nouveaux = [
        User(
            email=email,
            first_name=prenom,
            last_name=nom,
            role=role,
            password=MOT_DE_PASSE_INUTILISABLE,
            date_joined=_moment(DEBUT, 9),
        )
        for email, (_mdd, role, prenom, nom) in zip(emails, prevus, strict=True)
        if email not in existants
    ]
    User.objects.bulk_create(nouveaux)
    par_email = User.objects.in_bulk(emails, field_name="email")
    Lien = User.mdds.through
    Lien.objects.bulk_create(
        [
            Lien(user_id=par_email[email].pk, mdd_id=mdd.pk)
            for email, (mdd, *_r) in zip(emails, prevus, strict=True)
            if mdd
        ],
        ignore_conflicts=True,
    )
    referents = defaultdict(list)
    charges = []
    for email, (mdd, role, *_r) in zip(emails, prevus, strict=True):
        if role == Role.CHARGE_ORIENTATION:
            charges.append(par_email[email])
        else:
            referents[mdd.pk].append(par_email[email])
    for cle in ("travailleur_social", "responsable_mdd"):
        compte = ctx.comptes.get(cle)
        if compte is not None:
            for mdd in compte.mdds.all():
                # The demo account follows many people: its pages show every situation.
                referents[mdd.pk] = [compte] * (3 if cle == "travailleur_social" else 1) + referents[mdd.pk]
    if ctx.comptes.get("charge_orientation") is not None:
        charges.insert(0, ctx.comptes["charge_orientation"])
    return referents, charges


class _Generateur:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng
        self.jour = ctx.aujourdhui
        self.mdds = list(MDD.objects.order_by("code"))
        self.communes = defaultdict(list)
        for commune in Commune.objects.order_by("code_insee"):
            self.communes[commune.mdd_id].append(commune)
        self.referents, self.charges = _agents(ctx, self.mdds)
        self.rows = defaultdict(list)
        self.transitions = []
        self.actions = list(Action.objects.exclude(statut="en_preparation").order_by("pk"))
        self.entrees_par_action = Counter()

    # --- people ---------------------------------------------------------------------------------------

    def beneficiaires(self):
        poids = [3 if m.code.startswith("LIM") else 1 for m in self.mdds]
        faker, rng = self.ctx.faker, self.rng
        personnes = []
        numero = 2100000
        while len(personnes) < self.ctx.nb_beneficiaires:
            numero += rng.randint(1, 40)
            mdd = rng.choices(self.mdds, weights=poids)[0]
            commune = rng.choice(self.communes[mdd.pk]) if self.communes[mdd.pk] else None
            nom = faker.last_name()
            adresse = faker.street_address()
            foyer = [("demandeur", rng.choice("FM"))]
            if rng.random() < 0.22 and len(personnes) + 1 < self.ctx.nb_beneficiaires:
                foyer.append(("conjoint", "M" if foyer[0][1] == "F" else "F"))
            for qualite, sexe in foyer:
                prenom = faker.first_name_female() if sexe == "F" else faker.first_name_male()
                naissance = _jour(
                    rng, datetime.date(self.jour.year - 64, 1, 1), datetime.date(self.jour.year - 19, 12, 31)
                )
                personnes.append(
                    (
                        mdd,
                        Beneficiaire(
                            organisme_payeur="msa" if rng.random() < 0.06 else "caf",
                            numero_allocataire=str(numero),
                            qualite=Qualite(qualite),
                            nom=nom,
                            prenom=prenom,
                            date_naissance=naissance,
                            sexe=sexe,
                            commune=commune,
                            adresse=adresse,
                            telephone=f"05 55 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                            nom_recherche=normaliser(f"{nom} {prenom}"),
                            created_at=_moment(DEBUT, 8),
                            updated_at=_moment(DEBUT, 8),
                        ),
                    )
                )
        with _horodatage_simule(Beneficiaire):
            Beneficiaire.objects.bulk_create([b for _m, b in personnes], batch_size=LOT)
        return personnes

    # --- one pathway ----------------------------------------------------------------------------------

    def parcours(self, mdd, beneficiaire):
        rng, jour = self.rng, self.jour
        ouverture = _jour(rng, DEBUT - datetime.timedelta(days=60), jour - datetime.timedelta(days=1))
        entree = min(ouverture + datetime.timedelta(days=rng.randint(0, 45)), jour - datetime.timedelta(days=1))
        anciennete = (jour - entree).days
        sortie = None
        if anciennete > 200 and rng.random() < 0.38:
            sortie = _jour(rng, entree + datetime.timedelta(days=120), jour - datetime.timedelta(days=1))
        fin = sortie or jour
        referents = self.referents[mdd.pk]
        p = Parcours(
            beneficiaire=beneficiaire,
            mdd=mdd,
            date_ouverture_droit=ouverture,
            date_entree=entree,
            date_sortie=sortie,
            created_at=_moment(entree, 9),
            updated_at=_moment(fin, 9),
        )
        self.rows[Parcours].append(p)

        # Orientation: new entrants wait, a few people wait too long (the alerts show them).
        if anciennete < 20:
            oriente = rng.random() < 0.15
        elif anciennete < 120:
            oriente = rng.random() < 0.7
        else:
            oriente = rng.random() < 0.985 or sortie is not None
        orientations = []
        if oriente:
            decision = min(entree + datetime.timedelta(days=rng.randint(5, 70)), fin)
            decision = max(decision, ouverture)
            type_ = _poids(
                rng,
                [
                    (TypeOrientation.PROFESSIONNELLE, 45),
                    (TypeOrientation.SOCIO_PROFESSIONNELLE, 25),
                    (TypeOrientation.SOCIALE, 30),
                ],
            )
            orientations.append(self._orientation(p, type_, decision, ""))
            if rng.random() < 0.14 and (fin - decision).days > 240:
                redecision = _jour(rng, decision + datetime.timedelta(days=180), fin)
                nouveau = rng.choice([t for t in TypeOrientation.values if t != type_])
                orientations.append(self._orientation(p, nouveau, redecision, rng.choice(MOTIFS_REORIENTATION)))
        courante = orientations[-1] if orientations else None

        # Référent unique: an MDD worker when the département (or a socio-pro path) accompanies.
        referent = None
        if courante is not None and courante.type != TypeOrientation.PROFESSIONNELLE and referents:
            referent = rng.choice(referents)
            self.rows[ChangementReferent].append(
                ChangementReferent(
                    parcours=p,
                    nouveau=referent,
                    date=courante.date_decision,
                    created_by=referent,
                    created_at=_moment(courante.date_decision, 11),
                )
            )
            if rng.random() < 0.12 and len(set(referents)) > 1 and (fin - courante.date_decision).days > 90:
                autre = rng.choice([r for r in referents if r != referent])
                date = _jour(rng, courante.date_decision + datetime.timedelta(days=60), fin)
                self.rows[ChangementReferent].append(
                    ChangementReferent(
                        parcours=p,
                        ancien=referent,
                        nouveau=autre,
                        date=date,
                        motif="Réorganisation de la MDD",
                        created_by=autre,
                        created_at=_moment(date, 11),
                    )
                )
                referent = autre
        p.referent = referent
        auteur = referent or (referents[0] if referents else None)

        if courante is not None:
            self._contrats(p, courante, fin, sortie, auteur)
        self._freins(p, entree, fin, auteur)
        self._rendez_vous(p, entree, fin, sortie, auteur)
        self._notes(p, entree, fin, auteur)
        if sortie:
            self.rows[Sortie].append(
                Sortie(
                    parcours=p,
                    date=sortie,
                    type=_poids(rng, SORTIES),
                    created_by=auteur,
                    created_at=_moment(sortie, 16),
                )
            )
        if rng.random() < 0.05 and anciennete > 60 and len(self.mdds) > 1:
            date = _jour(rng, entree + datetime.timedelta(days=15), fin)
            origine = rng.choice([m for m in self.mdds if m.pk != mdd.pk])
            self.rows[Transfert].append(
                Transfert(
                    parcours=p,
                    date=date,
                    mdd_origine=origine,
                    mdd_destination=mdd,
                    motif="Déménagement de la personne",
                    created_by=auteur,
                    created_at=_moment(date, 10),
                )
            )
        if courante is not None and self.actions and auteur is not None and rng.random() < 0.4:
            for _ in range(rng.choice([1, 1, 2])):
                self._prescription(p, courante.date_decision, fin, auteur)

    def _orientation(self, p, type_, date, motif):
        charge = self.rng.choice(self.charges)
        o = Orientation(
            parcours=p,
            type=type_,
            organisme_referent=_poids(self.rng, ORGANISMES[type_]),
            date_decision=date,
            decidee_par=charge,
            motif=motif,
            created_by=charge,
            created_at=_moment(date, 14),
        )
        self.rows[Orientation].append(o)
        return o

    def _contrats(self, p, orientation, fin, sortie, auteur):
        rng, jour = self.rng, self.jour
        contrats = []
        debut = orientation.date_decision + datetime.timedelta(days=rng.randint(10, 60))
        while debut < fin:
            duree = rng.choice([6, 6, 12, 12, 12])
            motif_duree = ""
            if rng.random() < 0.03:
                duree, motif_duree = 18, "Formation qualifiante de longue durée"
            c = ContratEngagement(
                parcours=p,
                date_debut=debut,
                date_fin=_ajouter_mois(debut, duree),
                objectifs=rng.choice(OBJECTIFS),
                heures_hebdomadaires=rng.choice([15, 15, 15, 10, 20, 12, 0, 35]),
                date_signature=debut,
                etat=EtatContrat.SIGNE,
                motif_duree=motif_duree,
                created_by=auteur,
                created_at=_moment(debut, 10),
            )
            contrats.append(c)
            if c.date_fin >= fin or rng.random() < 0.06:
                break
            debut = c.date_fin + datetime.timedelta(days=rng.randint(0, 45))
        if not contrats:
            return contrats
        dernier = contrats[-1]
        for c in contrats[:-1]:
            c.etat = EtatContrat.ECHU
        if sortie is not None and dernier.date_fin > sortie:
            dernier.etat, dernier.date_resiliation = EtatContrat.RESILIE, sortie
            dernier.motif_resiliation = "Sortie du dispositif"
        elif dernier.date_fin < jour:
            dernier.etat = EtatContrat.ECHU
        elif rng.random() < 0.06:
            date = _jour(rng, dernier.date_debut + datetime.timedelta(days=30), jour)
            if date > dernier.date_debut:
                dernier.etat, dernier.date_resiliation = EtatContrat.RESILIE, date
                dernier.motif_resiliation = "Non-respect des engagements après l'équipe pluridisciplinaire"
        elif dernier.date_debut > jour - datetime.timedelta(days=20) and rng.random() < 0.5:
            dernier.etat, dernier.date_signature = EtatContrat.BROUILLON, None
        self.rows[ContratEngagement].extend(contrats)
        return contrats

    def _freins(self, p, entree, fin, auteur):
        rng = self.rng
        categories = set()
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            categorie = _poids(rng, FREINS)
            if categorie in categories:
                continue
            categories.add(categorie)
            identifie = _jour(rng, entree, min(entree + datetime.timedelta(days=120), fin))
            leve = None
            if rng.random() < 0.45 and (fin - identifie).days > 30:
                leve = _jour(rng, identifie + datetime.timedelta(days=30), fin)
            self.rows[Frein].append(
                Frein(
                    parcours=p,
                    categorie=categorie,
                    date_identification=identifie,
                    date_levee=leve,
                    created_by=auteur,
                    created_at=_moment(identifie, 11),
                )
            )

    def _rendez_vous(self, p, entree, fin, sortie, auteur):
        rng, jour = self.rng, self.jour
        # Some people drop out of contact: no rendez-vous in their last months.
        arret = fin
        if sortie is None and rng.random() < 0.15:
            arret = fin - datetime.timedelta(days=rng.randint(100, 240))
        date = entree + datetime.timedelta(days=rng.randint(3, 25))
        while date <= arret:
            presence = _poids(
                rng, [(Presence.PRESENT, 80), (Presence.ABSENT_EXCUSE, 10), (Presence.ABSENT_NON_EXCUSE, 10)]
            )
            self.rows[RendezVous].append(
                RendezVous(
                    parcours=p,
                    date=_moment(date, rng.choice([9, 10, 11, 14, 15, 16]), rng.choice([0, 30])),
                    nature=_poids(
                        rng,
                        [
                            (NatureRendezVous.INDIVIDUEL, 8),
                            (NatureRendezVous.TELEPHONIQUE, 3),
                            (NatureRendezVous.COLLECTIF, 1),
                            (NatureRendezVous.VISITE, 1),
                        ],
                    ),
                    presence=presence,
                    avec=auteur,
                    created_by=auteur,
                    created_at=_moment(date, 8),
                )
            )
            date += datetime.timedelta(days=rng.randint(35, 90))
        if sortie is None and arret == fin and rng.random() < 0.5:
            prochain = jour + datetime.timedelta(days=rng.randint(1, 30))
            self.rows[RendezVous].append(
                RendezVous(
                    parcours=p,
                    date=_moment(prochain, 10),
                    nature=NatureRendezVous.INDIVIDUEL,
                    presence=Presence.PREVU,
                    avec=auteur,
                    objet="Suivi du contrat d'engagement",
                    created_by=auteur,
                    created_at=_moment(jour, 8),
                )
            )

    def _notes(self, p, entree, fin, auteur):
        for _ in range(self.rng.randint(0, 4)):
            date = _jour(self.rng, entree, fin)
            self.rows[Note].append(
                Note(
                    parcours=p, date=date, texte=self.rng.choice(NOTES), created_by=auteur, created_at=_moment(date, 17)
                )
            )

    def _prescription(self, p, depuis, fin, prescripteur):
        rng = self.rng
        for _ in range(3):
            action = rng.choice(self.actions)
            debut_fenetre, fin_fenetre = max(depuis, action.date_debut), min(fin, action.date_fin)
            if debut_fenetre <= fin_fenetre:
                break
        else:
            return
        E = EtatPrescription
        proposee = _jour(rng, debut_fenetre, fin_fenetre)
        recente = (self.jour - proposee).days < 21
        etat = (
            E.PROPOSEE
            if recente and rng.random() < 0.6
            else _poids(rng, [(E.ACCEPTEE, 2), (E.REFUSEE, 2), (E.ENTREE, 5), (E.SORTIE, 5), (E.ABANDON, 2)])
        )
        if etat == E.ENTREE and self.entrees_par_action[action.pk] >= action.places:
            etat = E.SORTIE
        pr = Prescription(
            parcours=p,
            action=action,
            prescripteur=prescripteur,
            etat=etat,
            date_proposition=proposee,
            created_at=_moment(proposee, 10),
            updated_at=_moment(proposee, 10),
        )
        chemin = [(E.PROPOSEE, proposee, "")]
        date = proposee
        if etat in (E.ACCEPTEE, E.ENTREE, E.SORTIE, E.ABANDON):
            date = min(date + datetime.timedelta(days=rng.randint(1, 15)), fin_fenetre)
            chemin.append((E.ACCEPTEE, date, ""))
        if etat == E.REFUSEE:
            date = min(date + datetime.timedelta(days=rng.randint(1, 15)), fin_fenetre)
            pr.motif = rng.choice(
                ["Action complète à cette date", "Projet non adapté à l'action", "Refus de la personne"]
            )
            chemin.append((E.REFUSEE, date, pr.motif))
        if etat in (E.PROPOSEE, E.ACCEPTEE) and p.date_sortie is not None:
            # The person left before the action began: the sortie cancelled the prescription (parcours.sortie).
            date = max(date, p.date_sortie)
            pr.etat, pr.motif = E.ANNULEE, f"Sortie du dispositif le {p.date_sortie:%d/%m/%Y}"
            chemin.append((E.ANNULEE, date, pr.motif))
        if etat in (E.ENTREE, E.SORTIE, E.ABANDON):
            date = min(date + datetime.timedelta(days=rng.randint(3, 30)), fin_fenetre)
            pr.date_entree = date
            chemin.append((E.ENTREE, date, ""))
        if etat == E.SORTIE:
            date = _jour(rng, date, min(fin_fenetre, date + datetime.timedelta(days=240)))
            pr.date_sortie, pr.type_sortie = date, _poids(rng, SORTIES)
            chemin.append((E.SORTIE, date, ""))
        if etat == E.ABANDON:
            date = _jour(rng, date, min(fin_fenetre, date + datetime.timedelta(days=90)))
            pr.motif = rng.choice(
                ["Problème de garde d'enfants", "Reprise d'un emploi non déclaré au partenaire", "Santé"]
            )
            chemin.append((E.ABANDON, date, pr.motif))
        if pr.etat == E.ENTREE:
            self.entrees_par_action[action.pk] += 1
        pr.updated_at = _moment(date, 10)
        self.rows[Prescription].append(pr)
        avant = ""
        for apres, jour, motif in chemin:
            self.transitions.append((pr, avant, apres, jour, motif))
            avant = apres

    # --- writing --------------------------------------------------------------------------------------

    def ecrire(self):
        with _horodatage_simule(
            Parcours,
            Orientation,
            ChangementReferent,
            ContratEngagement,
            Frein,
            RendezVous,
            Note,
            Sortie,
            Transfert,
            Prescription,
            TransitionPrescription,
        ):
            Parcours.objects.bulk_create(self.rows[Parcours], batch_size=LOT)
            for modele in (
                Orientation,
                ChangementReferent,
                ContratEngagement,
                Frein,
                RendezVous,
                Note,
                Sortie,
                Transfert,
                Prescription,
            ):
                modele.objects.bulk_create(self.rows[modele], batch_size=LOT)
            TransitionPrescription.objects.bulk_create(
                [
                    TransitionPrescription(
                        prescription=pr,
                        etat_avant=avant,
                        etat_apres=apres,
                        date=_moment(jour, 12),
                        par=pr.prescripteur,
                        motif=motif,
                    )
                    for pr, avant, apres, jour, motif in self.transitions
                ],
                batch_size=LOT,
            )
        # The pointers to the latest orientation and contract: two UPDATE statements, not one per parcours.
        if not self.rows[Parcours]:
            return
        nouveaux = Parcours.objects.filter(pk__gte=self.rows[Parcours][0].pk)
        nouveaux.update(
            orientation_courante=Subquery(
                Orientation.objects.filter(parcours=OuterRef("pk")).order_by("-date_decision", "-pk").values("pk")[:1]
            ),
            contrat_courant=Subquery(
                ContratEngagement.objects.filter(parcours=OuterRef("pk"))
                .order_by("-date_debut", "-pk")
                .values("pk")[:1]
            ),
        )
        recalculer_premieres_dates(nouveaux)
        recopier_noms(nouveaux)


def generer(ctx):
    """Create ctx.nb_beneficiaires beneficiaries and their pathways from 2021 to ctx.aujourdhui."""
    generateur = _Generateur(ctx)
    personnes = generateur.beneficiaires()
    for mdd, beneficiaire in personnes:
        generateur.parcours(mdd, beneficiaire)
    generateur.ecrire()
    ctx.donnees["parcours"] = {
        "beneficiaires": len(personnes),
        "prescriptions": len(generateur.rows[Prescription]),
        "referents": {mdd_pk: [u.pk for u in users] for mdd_pk, users in generateur.referents.items()},
    }
