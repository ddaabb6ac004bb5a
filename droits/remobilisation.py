"""The end of a suspension: the person re-engages (rendez-vous attended, contract signed, hours resumed) and the
suspension is lifted, the suspended amounts paid back; or its term passes and the amounts are lost.

L262-37 I: « si, avant le terme de la suspension, le bénéficiaire se conforme à ses obligations, le président du
conseil départemental met fin à la suspension »; R262-68 and R262-68-1 (décret n° 2025-478): the suspension ends
when the person draws up the contract or meets the obligations agreed with the référent. The CAF/MSA pays back:
the département records the date and sends the movement (droits.export_organisme).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from droits.choices import EtatManquement, MotifRemobilisation, NatureMouvement
from droits.manquements import appliquer_transition
from droits.models import Decision, MouvementOrganisme
from droits.regles import pas_dans_le_futur
from parcours.calendrier import aujourdhui


@transaction.atomic
def remobiliser(decision, *, date, motif, par) -> Decision:
    if decision.manquement.etat != EtatManquement.SUSPENDU:
        raise ValidationError("Seule une suspension en cours peut être levée.")
    if motif not in MotifRemobilisation.values:
        raise ValidationError({"motif_remobilisation": "Indiquez comment la personne s'est remobilisée."})
    pas_dans_le_futur(date, "date_remobilisation", "La date de la remobilisation")
    if date < decision.date_decision or date > decision.date_fin:
        bornes = (
            f"la décision ({decision.date_decision:%d/%m/%Y}) et la fin de la suspension ({decision.date_fin:%d/%m/%Y})"
        )
        raise ValidationError({"date_remobilisation": f"La remobilisation se situe entre {bornes}."})
    decision.date_remobilisation, decision.motif_remobilisation = date, motif
    decision.date_cloture = max(date, decision.date_debut)
    decision.save(update_fields=["date_remobilisation", "motif_remobilisation", "date_cloture"])
    MouvementOrganisme.objects.create(decision=decision, nature=NatureMouvement.LEVEE, date_effet=decision.date_cloture)
    appliquer_transition(
        decision.manquement,
        EtatManquement.REMOBILISE,
        par=par,
        motif=f"{decision.get_motif_remobilisation_display()} le {date:%d/%m/%Y}",
    )
    return decision


@transaction.atomic
def constater_fins(jour=None) -> int:
    """Record as lost the suspensions whose term passed without remobilisation (a nightly task), each logged."""
    jour = jour or aujourdhui()
    echues = list(
        Decision.objects.select_for_update()
        .filter(manquement__etat=EtatManquement.SUSPENDU, date_fin__lt=jour)
        .select_related("manquement")
    )
    for decision in echues:
        decision.date_cloture = decision.date_fin
        decision.save(update_fields=["date_cloture"])
        MouvementOrganisme.objects.create(
            decision=decision, nature=NatureMouvement.FIN, date_effet=decision.date_fin + datetime.timedelta(days=1)
        )
        appliquer_transition(
            decision.manquement, EtatManquement.PERDU, par=None, motif="Terme atteint sans remobilisation"
        )
    return len(echues)
