"""Home figures of the MDD agents and the chargés d'orientation (the parcours app owns them)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from pacte.accueil import Accueil, Tuile
from parcours.models import Parcours


def accueil_agent_mdd(user) -> Accueil:
    today = timezone.localdate()
    chiffres = (
        Parcours.objects.visible_par(user)
        .ouverts()
        .aggregate(
            suivis=Count("pk"),
            a_orienter=Count("pk", filter=Q(orientation_courante__isnull=True)),
            contrats_signes=Count("pk", filter=Q(contrat_courant__etat="signe", contrat_courant__date_fin__gte=today)),
        )
    )
    mdds = ", ".join(m.nom for m in user.mdds.all()) or "aucune MDD rattachée"
    return Accueil(
        titre="Ma file active",
        introduction=f"Les personnes suivies par : {mdds}.",
        tuiles=[
            Tuile("Personnes suivies", chiffres["suivis"]),
            Tuile("Nouveaux entrants à orienter", chiffres["a_orienter"]),
            Tuile("Contrats d'engagement en cours", chiffres["contrats_signes"]),
        ],
    )


def accueil_charge_orientation(user) -> Accueil:
    seuil = timezone.localdate() - timedelta(days=30)
    chiffres = Parcours.objects.visible_par(user).aggregate(
        a_orienter=Count("pk"), en_attente_30_jours=Count("pk", filter=Q(date_entree__lt=seuil))
    )
    return Accueil(
        titre="Orientation des nouveaux entrants",
        introduction="Les personnes entrées dans le dispositif qui attendent une décision d'orientation.",
        tuiles=[
            Tuile("Personnes à orienter", chiffres["a_orienter"]),
            Tuile("En attente depuis plus de 30 jours", chiffres["en_attente_30_jours"]),
        ],
    )
