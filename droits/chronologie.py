"""The droits et devoirs steps on the parcours timeline: each logged move of a manquement, read in one query."""

from django.utils import timezone

from droits.models import TransitionManquement
from parcours import extensions
from parcours.timeline import Element

TITRES = {
    "ouvert": "Manquement ouvert",
    "informe": "Manquement : courrier d'information envoyé",
    "en_ep": "Manquement inscrit en équipe pluridisciplinaire",
    "sans_sanction": "Décision : pas de sanction",
    "reoriente": "Décision : réorientation",
    "suspendu": "Décision : suspension-remobilisation",
    "remobilise": "Remobilisation : suspension levée, montants rappelés",
    "perdu": "Fin de suspension sans remobilisation : montants perdus",
    "classe": "Manquement classé sans suite",
}


def etapes_droits_et_devoirs(parcours):
    transitions = list(TransitionManquement.objects.filter(manquement__parcours=parcours).select_related("manquement"))
    for t in transitions:
        moment = timezone.localtime(t.date)
        details = [t.manquement.get_nature_display()]
        if t.etat_apres == "ouvert":
            details.append(f"Faits : {t.manquement.faits}")
        if t.motif:
            details.append(t.motif)
        yield Element(
            moment.date(),
            "droits",
            TITRES.get(t.etat_apres, t.etat_apres),
            details,
            auteur_id=t.par_id,
            heure=moment.time(),
            ordre=t.date,
        )


extensions.ajouter_source_chronologie(etapes_droits_et_devoirs)
