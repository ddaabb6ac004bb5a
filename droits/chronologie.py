"""The droits et devoirs steps on the parcours timeline: each logged move of a manquement, read in one query."""

from django.utils import timezone

from droits.models import TransitionManquement
from parcours.timeline import Element, ajouter_source, noms_utilisateurs

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


@ajouter_source
def etapes_droits_et_devoirs(parcours):
    transitions = list(TransitionManquement.objects.filter(manquement__parcours=parcours).select_related("manquement"))
    noms = noms_utilisateurs({t.par_id for t in transitions})
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
            noms.get(t.par_id, ""),
            heure=moment.time(),
            ordre=t.date,
        )
