"""Home figures of the référents thématiques and of the partners (aggregates, no names)."""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from pacte.accueil import Accueil, Tuile
from pacte.text import pluriel
from parcours import figures_actions as figures
from parcours.models import Prescription
from partenaires.models import Action


def alertes_referent(user, aujourdhui=None) -> list[Tuile]:
    """How many of the user's current actions raise each alert of «Mes actions» (one query)."""
    aujourdhui = aujourdhui or timezone.localdate()
    actions = figures.avec_chiffres(
        Action.objects.gerees_par(user).filter(date_fin__gte=aujourdhui), aujourdhui, detail=False
    )
    compte = actions.aggregate(
        occupation=Count("pk", filter=Q(alerte_occupation=True)),
        resultats=Count("pk", filter=Q(alerte_resultats=True)),
        fin=Count("pk", filter=Q(alerte_fin_proche=True)),
        budget=Count("pk", filter=Q(alerte_budget=True)),
    )
    lien = f"{reverse('partenaires:mes_actions')}?alerte="
    tuiles = [
        Tuile(
            f"{pluriel(compte['occupation'], 'action occupée', 'actions occupées')} à moins de "
            f"{figures.SEUIL_OCCUPATION} %",
            compte["occupation"],
            lien=lien + "occupation",
        ),
        Tuile(
            f"{pluriel(compte['resultats'], 'action')} sans résultats pour la dernière période",
            compte["resultats"],
            lien=lien + "resultats",
        ),
        Tuile(
            f"{pluriel(compte['fin'], 'action')} se terminant dans moins de {figures.JOURS_AVANT_FIN} jours",
            compte["fin"],
            lien=lien + "fin_proche",
        ),
        Tuile(
            f"{pluriel(compte['budget'], 'action')} dont les versements dépassent le montant conventionné",
            compte["budget"],
            lien=lien + "budget",
        ),
    ]
    # An alert at 0 is nothing to do: not shown.
    return [tuile for tuile in tuiles if tuile.valeur]


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
            Tuile("Actions en cours", chiffres["nombre"], lien=reverse("partenaires:mes_actions")),
            Tuile("Places conventionnées", chiffres["places"] or 0, lien=reverse("partenaires:mes_actions")),
            Tuile("Personnes entrées", entrees, lien=reverse("partenaires:mes_actions")),
        ],
        alertes=alertes_referent(user, today),
    )


def accueil_partenaire(user) -> Accueil:
    """Every tile opens the list it counts: a card that looks clickable is one."""
    liste = reverse("partenaires:prescriptions_recues")
    chiffres = Prescription.objects.visible_par(user).aggregate(
        a_traiter=Count("pk", filter=Q(etat="proposee")),
        entrees=Count("pk", filter=Q(etat="entree")),
    )
    return Accueil(
        titre=str(user.partenaire) if user.partenaire_id else "Espace partenaire",
        introduction="Les prescriptions adressées à vos actions.",
        tuiles=[
            Tuile(
                "Prescriptions à traiter",
                chiffres["a_traiter"],
                lien=f"{liste}?etat=proposee",
            ),
            Tuile("Personnes entrées en action", chiffres["entrees"], lien=f"{liste}?etat=entree"),
            Tuile("Actions", Action.objects.gerees_par(user).count(), lien=f"{liste}#vos-actions"),
        ],
    )
