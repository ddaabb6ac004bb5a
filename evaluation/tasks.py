"""Long work as tasks (Django Tasks API), watched through pacte.models.TacheDeFond.

Immediate backend in tests and dev, django_tasks_db in production. Arguments are JSON values (ids,
ISO dates); the services called hold the rules, so a task never skips one.
"""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from evaluation import services
from evaluation.comites import pdf_du_comite
from evaluation.indicateurs import Filtres
from evaluation.models import BilanAnnuel, ComitePilotage
from pacte.models.journal import journaliser
from pacte.taches import avancer, executer, terminer


@task()
def approuver_bilan(
    tache_id: int, bilan_id: int, utilisateur_id: int, date_deliberation: str, numero_deliberation: str
) -> str:
    with executer(tache_id):
        bilan = BilanAnnuel.objects.get(pk=bilan_id)
        par = get_user_model().objects.get(pk=utilisateur_id)
        avancer(tache_id, 10, "Calcul des chiffres et génération du PDF.")
        bilan = services.approuver(bilan, par, datetime.date.fromisoformat(date_deliberation), numero_deliberation)
        terminer(
            tache_id,
            message="Bilan approuvé : chiffres, textes et PDF figés.",
            resultat={"url": reverse("evaluation:bilan", args=[bilan.pk])},
            fichier=bytes(bilan.pdf),
            fichier_nom=f"bilan-annuel-{bilan.annee}-v{bilan.version}.pdf",
            fichier_type="application/pdf",
        )
        return bilan.pdf_sha256


@task()
def generer_rapport_comite(tache_id: int | None, comite_id: int) -> int:
    def _travail():
        comite = ComitePilotage.objects.get(pk=comite_id)
        pdf = pdf_du_comite(comite)
        ComitePilotage.objects.filter(pk=comite.pk).update(rapport_pdf=pdf, rapport_genere_le=timezone.now())
        return comite, pdf

    if tache_id is None:
        return len(_travail()[1])
    with executer(tache_id):
        avancer(tache_id, 10, "Rassemblement des données de la période.")
        comite, pdf = _travail()
        terminer(
            tache_id,
            message="Rapport du comité de pilotage prêt.",
            resultat={"url": reverse("evaluation:comite", args=[comite.pk])},
            fichier=pdf,
            fichier_nom=f"comite-pilotage-{comite.date:%Y-%m-%d}.pdf",
            fichier_type="application/pdf",
        )
        return len(pdf)


EXPORTS = {
    "indicateurs": ("Indicateurs", "evaluation.exports.indicateurs_en"),
    "actions": ("Actions", "evaluation.exports.actions_en"),
}
TYPES_FICHIER = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@task()
def exporter(tache_id: int, nature: str, format_: str, debut: str, fin: str, filtres: dict, utilisateur_id: int) -> int:
    """A large export built by a worker; the file is kept on the TacheDeFond for download."""
    with executer(tache_id):
        libelle, chemin = EXPORTS[nature]
        date_debut, date_fin = datetime.date.fromisoformat(debut), datetime.date.fromisoformat(fin)
        avancer(tache_id, 10, "Calcul des chiffres.")
        contenu = import_string(chemin)(format_, date_debut, date_fin, Filtres(**filtres))
        journaliser(
            get_user_model().objects.get(pk=utilisateur_id),
            page="tâche de fond",
            objet=f"export {nature}",
            nature="export",
            libelle=f"{libelle} du {date_debut:%d/%m/%Y} au {date_fin:%d/%m/%Y} ({format_}, tâche {tache_id})",
        )
        terminer(
            tache_id,
            message=f"Export prêt ({len(contenu)} octets).",
            fichier=contenu,
            fichier_nom=f"{nature}-{date_debut:%Y%m%d}-{date_fin:%Y%m%d}.{format_}",
            fichier_type=TYPES_FICHIER[format_],
        )
        return len(contenu)
