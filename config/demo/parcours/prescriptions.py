"""Prescriptions of a pathway to the partners' actions, with their transitions."""

import datetime

from parcours.choices import (
    EtatPrescription,
)
from parcours.models import (
    Prescription,
)

from .commun import (
    SORTIES,
    _jour,
    _moment,
    _poids,
)


class PrescriptionsMixin:
    """A prescription walks the same transitions as the state machine, with simulated dates."""

    def _prescription(self, p, depuis, fin, prescripteur):
        rng = self.rng
        for _ in range(3):
            action = rng.choice(self.actions)
            debut_fenetre, fin_fenetre = max(depuis, action.date_debut), min(fin, action.date_fin)
            if debut_fenetre <= fin_fenetre:
                break
        else:
            return
        E = EtatPrescription
        proposee = _jour(rng, debut_fenetre, fin_fenetre)
        recente = (self.jour - proposee).days < 21
        etat = (
            E.PROPOSEE
            if recente and rng.random() < 0.6
            else _poids(rng, [(E.ACCEPTEE, 2), (E.REFUSEE, 2), (E.ENTREE, 5), (E.SORTIE, 5), (E.ABANDON, 2)])
        )
        if etat == E.ENTREE and self.entrees_par_action[action.pk] >= action.places:
            etat = E.SORTIE
        pr = Prescription(
            parcours=p,
            action=action,
            prescripteur=prescripteur,
            etat=etat,
            date_proposition=proposee,
            created_at=_moment(proposee, 10),
            updated_at=_moment(proposee, 10),
        )
        chemin = [(E.PROPOSEE, proposee, "")]
        date = proposee
        if etat in (E.ACCEPTEE, E.ENTREE, E.SORTIE, E.ABANDON):
            date = min(date + datetime.timedelta(days=rng.randint(1, 15)), fin_fenetre)
            chemin.append((E.ACCEPTEE, date, ""))
        if etat == E.REFUSEE:
            date = min(date + datetime.timedelta(days=rng.randint(1, 15)), fin_fenetre)
            pr.motif = rng.choice(
                ["Action complète à cette date", "Projet non adapté à l'action", "Refus de la personne"]
            )
            chemin.append((E.REFUSEE, date, pr.motif))
        if etat in (E.PROPOSEE, E.ACCEPTEE) and p.date_sortie is not None:
            # The person left before the action began: the sortie cancelled the prescription (parcours.sortie).
            date = max(date, p.date_sortie)
            pr.etat, pr.motif = E.ANNULEE, f"Sortie du dispositif le {p.date_sortie:%d/%m/%Y}"
            chemin.append((E.ANNULEE, date, pr.motif))
        if etat in (E.ENTREE, E.SORTIE, E.ABANDON):
            date = min(date + datetime.timedelta(days=rng.randint(3, 30)), fin_fenetre)
            pr.date_entree = date
            chemin.append((E.ENTREE, date, ""))
        if etat == E.SORTIE:
            date = _jour(rng, date, min(fin_fenetre, date + datetime.timedelta(days=240)))
            pr.date_sortie, pr.type_sortie = date, _poids(rng, SORTIES)
            chemin.append((E.SORTIE, date, ""))
        if etat == E.ABANDON:
            date = _jour(rng, date, min(fin_fenetre, date + datetime.timedelta(days=90)))
            pr.motif = rng.choice(
                ["Problème de garde d'enfants", "Reprise d'un emploi non déclaré au partenaire", "Santé"]
            )
            chemin.append((E.ABANDON, date, pr.motif))
        if pr.etat == E.ENTREE:
            self.entrees_par_action[action.pk] += 1
        pr.updated_at = _moment(date, 10)
        self.rows[Prescription].append(pr)
        avant = ""
        for apres, jour, motif in chemin:
            self.transitions.append((pr, avant, apres, jour, motif))
            avant = apres
