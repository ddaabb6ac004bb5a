from django.db.models import Count, Q
from django.urls import reverse

from pacte.accueil import Accueil, Tuile
from pacte.models import MDD, DemandeAcces, JournalAcces
from parcours.models import Parcours
from partenaires.models import Action, Partenaire


def accueil_administrateur(user) -> Accueil:
    parcours = Parcours.objects.aggregate(
        ouverts=Count("pk", filter=Q(date_sortie__isnull=True)),
        a_orienter=Count("pk", filter=Q(date_sortie__isnull=True, orientation_courante__isnull=True)),
    )
    actions = Action.objects.aggregate(ouvertes=Count("pk", filter=Q(statut="ouverte")), total=Count("pk"))
    return Accueil(
        titre="Pilotage du pacte",
        introduction="Les chiffres du département, sans donnée nominative.",
        tuiles=[
            Tuile("Parcours ouverts", parcours["ouverts"]),
            Tuile("Nouveaux entrants à orienter", parcours["a_orienter"]),
            Tuile("Actions ouvertes", actions["ouvertes"], detail=f"sur {actions['total']} actions"),
            Tuile("Partenaires", Partenaire.objects.count()),
            Tuile("Maisons du département", MDD.objects.count()),
            Tuile(
                "Demandes d'accès en attente",
                DemandeAcces.objects.en_attente().count(),
                lien=_safe_reverse("demandes_acces"),
            ),
            Tuile("Accès journalisés", JournalAcces.objects.count(), lien=_safe_reverse("journal_acces")),
        ],
    )


def _safe_reverse(name):
    try:
        return reverse(name)
    except Exception:
        return ""
