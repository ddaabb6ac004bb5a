"""Demo droits et devoirs: a year of manquements, EP sessions and decisions, drawn from the demo's own events.

Called by `manage.py generer_demo` after the pathways. Every manquement starts from a real unexcused absence of
the demo (after the scale's date of effect), and goes through the business functions of droits (the same checks
and transition logs as the pages); the transition dates are then set to the simulated days. The plans of the 15
hours are written in bulk for a sample of the signed contracts in force, with their hours done week by week.
Deterministic: only ctx.rng and ctx.aujourdhui.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from droits import decisions, ep, manquements, remobilisation
from droits.models import ActivitePlan, Delegation, HeuresRealisees, SeanceEP, TransitionManquement
from pacte.models import BaremeDroitsDevoirs, Role
from parcours.models import Beneficiaire, ContratEngagement, RendezVous

MAX_MANQUEMENTS = 160
MEMBRES = [
    ("president", "Élu délégué à l'insertion"),
    ("departement", "Service insertion"),
    ("france_travail", "Conseiller France Travail"),
    ("caf", "Référent CAF"),
    ("association", "Association d'insertion"),
    ("representant_beneficiaires", "Représentant des allocataires"),
]
ACTIVITES = [
    ("formation", "Remise à niveau"),
    ("action", "Atelier collectif"),
    ("demarche", "Recherche d'emploi"),
    ("immersion", "Période d'immersion"),
    ("rendez_vous", "Rendez-vous de suivi"),
]


def _moment(jour, heure=10):
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(heure)))


class _Droits:
    def __init__(self, ctx, bareme):
        self.ctx, self.rng, self.jour, self.bareme = ctx, ctx.rng, ctx.aujourdhui, bareme
        self.referent = ctx.comptes.get(Role.TRAVAILLEUR_SOCIAL.value)
        self.delegataire = ctx.comptes.get(Role.RESPONSABLE_MDD.value)
        self.seances = {}
        self.a_decider = []

    def _dater(self, manquement, jour):
        derniere = TransitionManquement.objects.filter(manquement=manquement).order_by("-pk").values("pk")[:1]
        TransitionManquement.objects.filter(pk__in=derniere).update(date=_moment(jour))

    def absences(self):
        depuis = max(self.bareme.date_effet, self.jour - datetime.timedelta(days=365))
        rdvs = list(
            RendezVous.objects.filter(
                presence="absent_non_excuse",
                date__gte=_moment(depuis),
                parcours__date_sortie__isnull=True,
                date__lt=_moment(self.jour - datetime.timedelta(days=5)),
            )
            .select_related("parcours__mdd__territoire")
            .order_by("date", "pk")
        )
        self.rng.shuffle(rdvs)
        return sorted(rdvs[:MAX_MANQUEMENTS], key=lambda r: (r.date, r.pk))

    def ouvrir(self, rdv):
        constat = timezone.localtime(rdv.date).date() + datetime.timedelta(days=self.rng.randint(1, 3))
        m = manquements.ouvrir_manquement(
            rdv.parcours,
            nature="absence_convocation",
            origine="alerte",
            rendez_vous=rdv,
            date_constat=constat,
            par=self.referent,
            faits=f"Absence sans excuse à la convocation du {timezone.localtime(rdv.date):%d/%m/%Y}.",
        )
        self._dater(m, constat)
        information = constat + datetime.timedelta(days=2)
        if information >= self.jour:
            return None
        manquements.informer(m, date_information=information, par=self.referent)
        self._dater(m, information)
        return m

    def observer_ou_classer(self, m):
        if self.rng.random() < 0.6:
            jour = m.date_information + datetime.timedelta(days=self.rng.randint(5, 20))
            if jour < self.jour:
                forme = self.rng.choice(["ecrite", "orale"])
                texte = self.rng.choice(
                    [
                        "Convocation reçue trop tard.",
                        "Problème de transport ce jour-là.",
                        "Oubli ; souhaite reprendre son accompagnement.",
                        "Garde d'enfant imprévue.",
                    ]
                )
                manquements.enregistrer_observation(m, forme=forme, date=jour, texte=texte, par=self.referent)
                if self.rng.random() < 0.25:
                    manquements.classer(m, motif="Motif légitime reconnu après observations", par=self.referent)
                    self._dater(m, jour)
                    return False
        return m.date_limite_observations < self.jour - datetime.timedelta(days=10)

    def seance_pour(self, m):
        """The monthly session of the territory after the delay: the 15th (or the next month's)."""
        apres = m.date_limite_observations + datetime.timedelta(days=1)
        jour = (
            apres.replace(day=15)
            if apres.day <= 15
            else (apres.replace(day=1) + datetime.timedelta(days=32)).replace(day=15)
        )
        if jour >= self.jour:
            return None
        cle = (m.parcours.mdd.territoire_id, jour)
        if cle not in self.seances:
            seance = ep.creer_seance(
                territoire=m.parcours.mdd.territoire,
                date=_moment(jour, 9),
                par=self.delegataire,
                lieu=f"Maison du département, {m.parcours.mdd.territoire}",
            )
            membres = [ep.ajouter_membre(seance, role=r, nom=n) for r, n in MEMBRES]
            ep.enregistrer_presences(seance, [x.pk for x in membres[: self.rng.randint(3, 6)]])
            self.seances[cle] = (seance, [])
        self.seances[cle][1].append(m)
        return cle

    def tenir(self, seance, dossiers):
        presents = ep.presents(seance)
        for m in dossiers:
            dossier = ep.inscrire_dossier(seance, m, par=self.delegataire)
            self._dater(m, timezone.localtime(seance.date).date() - datetime.timedelta(days=7))
            avis = self.rng.choices(["suspension", "sans_sanction", "reorientation"], weights=[7, 2, 1])[0]
            taux = self.rng.choice([30, 50, 50, 100]) if avis == "suspension" else None
            duree = self.rng.choice([1, 2]) if avis == "suspension" else None
            ep.rendre_avis(
                dossier,
                avis=avis,
                taux=taux,
                duree=duree,
                votes_pour=presents,
                votes_contre=0,
                abstentions=0,
                motivation="Avis rendu après examen du dossier et des observations.",
                personne_entendue=self.rng.random() < 0.3,
            )
            self.a_decider.append((dossier, m))
        ep.tenir_seance(seance)

    def decider(self, dossier, m):
        jour = timezone.localtime(dossier.seance.date).date() + datetime.timedelta(days=3)
        if jour >= self.jour:
            return
        foyer = Beneficiaire.objects.filter(numero_allocataire=m.parcours.beneficiaire.numero_allocataire).count() > 1
        taux = (
            min(dossier.taux_propose, self.bareme.plafond_foyer_plusieurs)
            if dossier.taux_propose and foyer
            else dossier.taux_propose
        )
        decision = decisions.decider(
            m,
            nature=dossier.avis,
            par=self.delegataire,
            date_decision=jour,
            taux=taux,
            duree_mois=dossier.duree_proposee_mois,
            date_debut=jour + datetime.timedelta(days=5) if dossier.avis == "suspension" else None,
            foyer_plusieurs_personnes=foyer,
            motivation="Manquement constaté sans motif légitime ; avis de l'équipe suivi.",
        )
        self._dater(m, jour)
        if dossier.avis == "suspension":
            self.suite(decision, m)

    def suite(self, decision, m):
        if self.rng.random() < 0.55:
            jour = decision.date_debut + datetime.timedelta(days=self.rng.randint(5, 40))
            if jour < self.jour and jour <= decision.date_fin:
                remobilisation.remobiliser(
                    decision, date=jour, par=self.referent, motif=self.rng.choice(["rendez_vous", "contrat", "heures"])
                )
                self._dater(m, jour)


def _heures(ctx, bareme, referent):
    """Plans of the 15 hours for a sample of the signed contracts in force, and 8 weeks of hours done."""
    contrats = list(
        ContratEngagement.objects.filter(
            etat="signe", heures_hebdomadaires__gt=0, date_debut__lte=ctx.aujourdhui, date_fin__gte=ctx.aujourdhui
        ).order_by("pk")[:400]
    )
    activites, heures = [], []
    lundi = ctx.aujourdhui - datetime.timedelta(days=ctx.aujourdhui.weekday())
    for contrat in contrats:
        debut = max(contrat.date_debut, lundi - datetime.timedelta(weeks=8))
        for nature, libelle in ctx.rng.sample(ACTIVITES, 2):
            activites.append(
                ActivitePlan(
                    contrat=contrat,
                    nature=nature,
                    libelle=libelle,
                    date_debut=debut,
                    date_fin=contrat.date_fin,
                    heures_hebdomadaires=contrat.heures_hebdomadaires / 2,
                    created_by=referent,
                )
            )
        assiduite = ctx.rng.choice([0.1, 0.4, 0.8, 1.0, 1.0])
        for semaine in range(1, 9):
            debut_semaine = lundi - datetime.timedelta(weeks=semaine)
            fait = Decimal(round(float(contrat.heures_hebdomadaires) * assiduite * ctx.rng.uniform(0.6, 1.1), 1))
            if debut_semaine >= debut and fait > 0:
                heures.append(
                    HeuresRealisees(
                        parcours_id=contrat.parcours_id,
                        semaine=debut_semaine,
                        heures=min(fait, 60),
                        created_by=referent,
                    )
                )
    ActivitePlan.objects.bulk_create(activites, batch_size=1000)
    HeuresRealisees.objects.bulk_create(heures, batch_size=1000)
    return len(activites), len(heures)


def generer(ctx):
    bareme = BaremeDroitsDevoirs.objects.en_vigueur_le(ctx.aujourdhui)
    if bareme is None or Role.RESPONSABLE_MDD.value not in ctx.comptes:
        return
    generateur = _Droits(ctx, bareme)
    Delegation.objects.get_or_create(
        utilisateur=generateur.delegataire, arrete="Arrêté n° 2025-DI-042", defaults={"date_debut": bareme.date_effet}
    )
    for rdv in generateur.absences():
        m = generateur.ouvrir(rdv)
        if m is not None and generateur.observer_ou_classer(m):
            generateur.seance_pour(m)
    for seance, dossiers in generateur.seances.values():
        generateur.tenir(seance, dossiers)
    for dossier, m in sorted(generateur.a_decider, key=lambda x: x[0].seance.date):
        generateur.decider(dossier, m)
    remobilisation.constater_fins(ctx.aujourdhui)
    ctx.donnees["droits"] = {"seances": SeanceEP.objects.count(), "heures": _heures(ctx, bareme, generateur.referent)}
