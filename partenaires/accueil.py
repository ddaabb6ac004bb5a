"""Home figures of the référents thématiques and of the partners (aggregates, no names)."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from pacte.accueil import Accueil, Tuile
from parcours.models import Prescription
from partenaires.models import Action


def accueil_referent_thematique(user) -> Accueil:
    today = timezone.localdate()
    actions = Action.objects.gerees_par(user).ouvertes_le(today)
    chiffres = actions.aggregate(nombre=Count("pk"), places=Sum("places"))
    entrees = Prescription.objects.filter(action__in=actions, etat="entree").count()
    thematiques = ", ".join(str(t) for t in user.thematiques.all()) or "aucune thématique rattachée"
    return Accueil(
        titre="Mes actions",
        introduction=f"Thématiques suivies : {thematiques}.",
        tuiles=[
            Tuile("Actions en cours", chiffres["nombre"]),
            Tuile("Places conventionnées", chiffres["places"] or 0),
            Tuile("Personnes entrées", entrees),
        ],
    )


def accueil_partenaire(user) -> Accueil:
    chiffres = Prescription.objects.visible_par(user).aggregate(
        a_traiter=Count("pk", filter=Q(etat="proposee")),
        entrees=Count("pk", filter=Q(etat="entree")),
    )
    return Accueil(
        titre=str(user.partenaire) if user.partenaire_id else "Espace partenaire",
        introduction="Les prescriptions adressées à vos actions.",
        tuiles=[
            Tuile("Prescriptions à traiter", chiffres["a_traiter"]),
            Tuile("Personnes entrées en action", chiffres["entrees"]),
            Tuile("Actions", Action.objects.gerees_par(user).count()),
        ],
    )
