"""The sortie of a parcours with what is still open: the list shown before confirming, and the closure that settles
each item through its own state machine, in one transaction.

What becomes of each open item when the person leaves:
- the signed contract in force is résilié at the date of the sortie (parcours.contrats);
- a prescription proposée or acceptée is annulée, an entrée ends with the same exit reason (parcours.prescriptions);
  the partner sees the motif and gets a notice on its home page;
- a future rendez-vous is withdrawn, and a note on the timeline names it;
- an open frein stays as it is: it was not lifted, and the indicators count it so.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pacte.choices import TypeSortie
from parcours import avis, mouvements
from parcours.choices import EtatContrat, EtatPrescription, Presence
from parcours.contrats import appliquer_transition
from parcours.models import ContratEngagement, Frein, Note, Prescription, RendezVous, Sortie
from parcours.prescriptions import ETATS_EN_COURS, changer_etat


@dataclass
class OuvertALaSortie:
    """What is still open on a parcours, each list in the order the page shows it."""

    contrats: list = field(default_factory=list)
    freins: list = field(default_factory=list)
    prescriptions: list = field(default_factory=list)
    rendez_vous: list = field(default_factory=list)

    @property
    def vide(self) -> bool:
        return not (self.contrats or self.freins or self.prescriptions or self.rendez_vous)

    def empreinte(self) -> str:
        """What the user confirmed: if anything changes before the POST, the list is shown again."""
        parties = [
            ("c", self.contrats),
            ("f", self.freins),
            ("p", self.prescriptions),
            ("r", self.rendez_vous),
        ]
        return ";".join(f"{cle}{','.join(str(o.pk) for o in objets)}" for cle, objets in parties)


def ouvert_a_la_sortie(parcours) -> OuvertALaSortie:
    return OuvertALaSortie(
        contrats=list(ContratEngagement.objects.filter(parcours=parcours, etat=EtatContrat.SIGNE)),
        freins=list(Frein.objects.filter(parcours=parcours, date_levee__isnull=True)),
        prescriptions=list(
            Prescription.objects.filter(parcours=parcours, etat__in=ETATS_EN_COURS)
            .select_related("action__partenaire")
            .order_by("date_proposition", "pk")
        ),
        rendez_vous=list(
            RendezVous.objects.filter(parcours=parcours, presence=Presence.PREVU, date__gt=timezone.now()).order_by(
                "date"
            )
        ),
    )


@transaction.atomic
def cloturer(parcours, *, date, type, par, commentaire="", version=None, empreinte=None) -> Sortie:
    """Record the sortie and settle what is open. `empreinte`: the list the user confirmed; if it is not today's
    list, a ValidationError asks to look again, and nothing is written."""
    ouvert = ouvert_a_la_sortie(parcours)
    if not ouvert.vide and empreinte != ouvert.empreinte():
        raise ValidationError(
            "Des éléments sont encore en cours sur ce parcours : vérifiez ce que la sortie va changer, puis confirmez."
        )
    libelle = TypeSortie(type).label if type in TypeSortie.values else ""
    sortie = mouvements.enregistrer_sortie(
        parcours, date=date, type=type, par=par, commentaire=commentaire, version=version
    )
    motif = f"Sortie du dispositif le {date:%d/%m/%Y}" + (f" ({libelle.lower()})" if libelle else "")
    for contrat in ouvert.contrats:
        _terminer_contrat(contrat, date, par, motif)
    for prescription in ouvert.prescriptions:
        _terminer_prescription(prescription, date, type, par, motif)
    if ouvert.rendez_vous:
        _retirer_rendez_vous(parcours, ouvert.rendez_vous, date, par)
    return sortie


def _terminer_contrat(contrat, date, par, motif):
    if contrat.date_fin < date:
        appliquer_transition(contrat, EtatContrat.ECHU, par=par, motif="Fin du contrat atteinte avant la sortie")
        return
    if contrat.date_signature and date < contrat.date_signature:
        raise ValidationError(
            {"date": f"La sortie ne peut pas précéder la signature du contrat ({contrat.date_signature:%d/%m/%Y})."}
        )
    contrat.date_resiliation = date
    contrat.motif_resiliation = motif
    appliquer_transition(
        contrat, EtatContrat.RESILIE, par=par, champs=["date_resiliation", "motif_resiliation"], motif=motif
    )


def _terminer_prescription(prescription, date, type, par, motif):
    if prescription.etat == EtatPrescription.ENTREE:
        fin = max(date, prescription.date_entree)
        changer_etat(prescription, EtatPrescription.SORTIE, par, date=fin, motif=motif, type_sortie=type)
    else:
        changer_etat(prescription, EtatPrescription.ANNULEE, par, date=date, motif=motif)
    action = prescription.action
    avis.aviser_partenaire(
        action.partenaire_id,
        f"La prescription vers « {action.intitule} » est "
        f"{prescription.get_etat_display().lower()} : {motif.lower()} de la personne.",
        lien=avis.lien_prescription_recue(prescription),
    )


def _retirer_rendez_vous(parcours, rendez_vous, date, par):
    """A future rendez-vous of a closed parcours will not take place: withdrawn, and named on the timeline."""
    lignes = [f"{timezone.localtime(r.date):%d/%m/%Y à %H:%M} ({r.get_nature_display().lower()})" for r in rendez_vous]
    for rdv in rendez_vous:
        rdv._history_user = par
        rdv.delete()
    Note.objects.create(
        parcours=parcours,
        date=date,
        texte="Rendez-vous annulés à la sortie du dispositif : " + " ; ".join(lignes) + ".",
        created_by=par,
    )
