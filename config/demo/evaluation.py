"""Demo data of the evaluation: approved bilans of past years (frozen, with their PDF), a draft for the
current year, past COPIL sessions with their decisions. Called last by `manage.py generer_demo`."""

import datetime

from django.utils import timezone

from evaluation import services
from evaluation.models import (
    BilanAnnuel,
    ComitePilotage,
    DecisionComite,
    EtatBilan,
    NarratifThematique,
    TransitionBilan,
)
from pacte.models import Pacte, Role
from partenaires.models import Financement, Versement

AVANCEES = [
    "Les informations collectives d'orientation se tiennent désormais chaque semaine dans toutes les MDD.",
    "Le diagnostic socio-professionnel partagé avec France Travail est utilisé dès le premier entretien.",
    "Les ateliers numériques ont été ouverts sur les sites ruraux, avec un accompagnement individuel.",
    "Trois nouvelles actions de remobilisation ont été conventionnées avec des associations locales.",
    "Les rencontres entre employeurs et bénéficiaires ont permis des immersions professionnelles.",
    "Le référent unique est désigné pour la quasi-totalité des personnes orientées.",
    "Les contrats d'engagement sont signés plus tôt grâce aux rendez-vous d'orientation groupés.",
]
DIFFICULTES = [
    "La mobilité reste le premier frein en milieu rural, malgré les aides au permis de conduire.",
    "Le délai d'orientation s'allonge pendant l'été faute de commissions.",
    "Certaines actions restent sous-occupées, faute de prescriptions venant des territoires éloignés.",
    "La garde d'enfants limite l'accès aux formations à temps plein.",
    "Les partenaires signalent une saisie tardive des sorties d'action.",
    "La maîtrise du français freine l'entrée en formation qualifiante.",
]
PARTICIPANTS = [
    "Département (direction de l'insertion), DDETS, CAF de la Haute-Vienne, MSA, France Travail, Région, "
    "représentants des associations d'insertion et des SIAE",
    "Département (direction de l'insertion), Préfecture, CAF, France Travail, Cap emploi, Mission locale, "
    "fédération des acteurs de la solidarité",
]
DECISIONS = [
    "Reconduire les ateliers de mobilité et les étendre à deux nouveaux territoires ruraux.",
    "Fixer un objectif de 30 jours au plus entre l'ouverture de droit et l'orientation.",
    "Lancer un appel à projets sur la garde d'enfants pendant les formations.",
    "Réaffecter les places non pourvues des actions sous-occupées après l'avis des groupes de travail.",
    "Présenter au prochain comité un point sur les sorties vers l'emploi durable par territoire.",
    "Associer les employeurs du territoire au groupe de travail « relations avec l'entreprise ».",
]


def _dt(date: datetime.date, heure: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(heure)))


def _narratifs(ctx, bilan, thematiques):
    NarratifThematique.objects.bulk_create(
        [
            NarratifThematique(
                bilan=bilan,
                thematique=t,
                avancees=" ".join(ctx.rng.sample(AVANCEES, 2)),
                difficultes=" ".join(ctx.rng.sample(DIFFICULTES, 2)),
            )
            for t in thematiques
        ]
    )


def _bilan_approuve(ctx, admin, annee):
    thematiques = list(services.thematiques_de(annee))
    soumission = datetime.date(annee + 1, 3, 10 + ctx.rng.randint(0, 10))
    bilan = BilanAnnuel.objects.create(
        annee=annee, version=1, cree_par=admin, etat=EtatBilan.SOUMIS, soumis_le=_dt(soumission)
    )
    _narratifs(ctx, bilan, thematiques)
    for avant, apres, date in (("", EtatBilan.BROUILLON, datetime.date(annee + 1, 1, 15)),
                               (EtatBilan.BROUILLON, EtatBilan.SOUMIS, soumission)):  # fmt: skip
        transition = TransitionBilan.objects.create(bilan=bilan, etat_avant=avant, etat_apres=apres, par=admin)
        TransitionBilan.objects.filter(pk=transition.pk).update(date=_dt(date))
    deliberation = datetime.date(annee + 1, 6, 20 + ctx.rng.randint(0, 8))
    services.approuver(bilan, admin, deliberation, f"{annee + 1}-CD-{ctx.rng.randint(10, 180):03d}")
    TransitionBilan.objects.filter(bilan=bilan, etat_apres=EtatBilan.APPROUVE).update(date=_dt(deliberation, 17))


def _solde_saisi_apres_approbation(annee):
    """A solde of year N recorded after the bilan N was approved: today's engine differs from the frozen figures,
    which stay as approved; the bilan's page shows the difference and offers a corrected version."""
    financement = (
        Financement.objects.filter(date_debut__year__lte=annee, date_fin__year__gte=annee).order_by("reference").first()
    )
    if financement is not None:
        Versement.objects.create(
            financement=financement, nature=Versement.Nature.SOLDE, date=datetime.date(annee, 12, 15), montant=12500
        )


def generer(ctx):
    admin = ctx.comptes.get(Role.ADMINISTRATEUR)
    pacte = Pacte.courant()
    if admin is None or pacte is None:
        return
    annee_courante = ctx.aujourdhui.year
    premiere = max(pacte.date_debut.year, annee_courante - 3)
    for annee in range(premiere, annee_courante):
        # The deliberation of year N is held in June N+1: not yet for last year before then.
        if datetime.date(annee + 1, 6, 30) < ctx.aujourdhui:
            _bilan_approuve(ctx, admin, annee)
    if BilanAnnuel.objects.filter(annee=annee_courante - 2, etat=EtatBilan.APPROUVE).exists():
        _solde_saisi_apres_approbation(annee_courante - 2)
    if not BilanAnnuel.objects.filter(annee=annee_courante).exists():
        brouillon = services.creer_bilan(annee_courante, admin)
        _narratifs(ctx, brouillon, list(services.thematiques_de(annee_courante))[:2])

    precedente = None
    for annee in range(premiere, annee_courante + 1):
        date = datetime.date(annee, 6, 12 + ctx.rng.randint(0, 10))
        if date >= ctx.aujourdhui:
            break
        debut = precedente + datetime.timedelta(days=1) if precedente else datetime.date(annee - 1, 7, 1)
        comite = ComitePilotage.objects.create(
            date=date, periode_debut=debut, periode_fin=date, participants=ctx.rng.choice(PARTICIPANTS)
        )
        DecisionComite.objects.bulk_create(
            [DecisionComite(comite=comite, texte=texte) for texte in ctx.rng.sample(DECISIONS, 3)]
        )
        precedente = date
