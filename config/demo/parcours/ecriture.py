"""Writing the generated rows: bulk inserts with simulated timestamps, then the derived pointers."""

from django.db.models import OuterRef, Subquery

from parcours.faits import recalculer_premieres_dates, recopier_noms
from parcours.models import (
    ChangementReferent,
    ContratEngagement,
    Frein,
    Note,
    Orientation,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
    Transfert,
    TransitionPrescription,
)

from .commun import LOT, _horodatage_simule, _moment


class EcritureMixin:
    """Rows are kept in memory until the end: one bulk insert per model instead of one per row."""

    def ecrire(self):
        with _horodatage_simule(
            Parcours,
            Orientation,
            ChangementReferent,
            ContratEngagement,
            Frein,
            RendezVous,
            Note,
            Sortie,
            Transfert,
            Prescription,
            TransitionPrescription,
        ):
            Parcours.objects.bulk_create(self.rows[Parcours], batch_size=LOT)
            for modele in (
                Orientation,
                ChangementReferent,
                ContratEngagement,
                Frein,
                RendezVous,
                Note,
                Sortie,
                Transfert,
                Prescription,
            ):
                modele.objects.bulk_create(self.rows[modele], batch_size=LOT)
            TransitionPrescription.objects.bulk_create(
                [
                    TransitionPrescription(
                        prescription=pr,
                        etat_avant=avant,
                        etat_apres=apres,
                        date=_moment(jour, 12),
                        par=pr.prescripteur,
                        motif=motif,
                    )
                    for pr, avant, apres, jour, motif in self.transitions
                ],
                batch_size=LOT,
            )
        # The pointers to the latest orientation and contract: two UPDATE statements, not one per parcours.
        if not self.rows[Parcours]:
            return
        nouveaux = Parcours.objects.filter(pk__gte=self.rows[Parcours][0].pk)
        nouveaux.update(
            orientation_courante=Subquery(
                Orientation.objects.filter(parcours=OuterRef("pk")).order_by("-date_decision", "-pk").values("pk")[:1]
            ),
            contrat_courant=Subquery(
                ContratEngagement.objects.filter(parcours=OuterRef("pk"))
                .order_by("-date_debut", "-pk")
                .values("pk")[:1]
            ),
        )
        recalculer_premieres_dates(nouveaux)
        recopier_noms(nouveaux)
