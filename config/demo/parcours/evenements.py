"""The events of a pathway: contracts, freins, rendez-vous, notes."""

import datetime

from parcours.choices import (
    EtatContrat,
    NatureRendezVous,
    Presence,
)
from parcours.models import (
    ContratEngagement,
    Frein,
    Note,
    RendezVous,
)

from .commun import (
    FREINS,
    NOTES,
    OBJECTIFS,
    _ajouter_mois,
    _jour,
    _moment,
    _poids,
)


class EvenementsMixin:
    """Events of one pathway, drawn in a fixed order so that the same seed gives the same demo."""

    def _contrats(self, p, orientation, fin, sortie, auteur):
        rng, jour = self.rng, self.jour
        contrats = []
        debut = orientation.date_decision + datetime.timedelta(days=rng.randint(10, 60))
        while debut < fin:
            duree = rng.choice([6, 6, 12, 12, 12])
            motif_duree = ""
            if rng.random() < 0.03:
                duree, motif_duree = 18, "Formation qualifiante de longue durée"
            c = ContratEngagement(
                parcours=p,
                date_debut=debut,
                date_fin=_ajouter_mois(debut, duree),
                objectifs=rng.choice(OBJECTIFS),
                heures_hebdomadaires=rng.choice([15, 15, 15, 10, 20, 12, 0, 35]),
                date_signature=debut,
                etat=EtatContrat.SIGNE,
                motif_duree=motif_duree,
                created_by=auteur,
                created_at=_moment(debut, 10),
            )
            contrats.append(c)
            if c.date_fin >= fin or rng.random() < 0.06:
                break
            debut = c.date_fin + datetime.timedelta(days=rng.randint(0, 45))
        if not contrats:
            return contrats
        dernier = contrats[-1]
        for c in contrats[:-1]:
            c.etat = EtatContrat.ECHU
        if sortie is not None and dernier.date_fin > sortie:
            dernier.etat, dernier.date_resiliation = EtatContrat.RESILIE, sortie
            dernier.motif_resiliation = "Sortie du dispositif"
        elif dernier.date_fin < jour:
            dernier.etat = EtatContrat.ECHU
        elif rng.random() < 0.06:
            date = _jour(rng, dernier.date_debut + datetime.timedelta(days=30), jour)
            if date > dernier.date_debut:
                dernier.etat, dernier.date_resiliation = EtatContrat.RESILIE, date
                dernier.motif_resiliation = "Non-respect des engagements après l'équipe pluridisciplinaire"
        elif dernier.date_debut > jour - datetime.timedelta(days=20) and rng.random() < 0.5:
            dernier.etat, dernier.date_signature = EtatContrat.BROUILLON, None
        self.rows[ContratEngagement].extend(contrats)
        return contrats

    def _freins(self, p, entree, fin, auteur):
        rng = self.rng
        categories = set()
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            categorie = _poids(rng, FREINS)
            if categorie in categories:
                continue
            categories.add(categorie)
            identifie = _jour(rng, entree, min(entree + datetime.timedelta(days=120), fin))
            leve = None
            if rng.random() < 0.45 and (fin - identifie).days > 30:
                leve = _jour(rng, identifie + datetime.timedelta(days=30), fin)
            self.rows[Frein].append(
                Frein(
                    parcours=p,
                    categorie=categorie,
                    date_identification=identifie,
                    date_levee=leve,
                    created_by=auteur,
                    created_at=_moment(identifie, 11),
                )
            )

    def _rendez_vous(self, p, entree, fin, sortie, auteur):
        rng, jour = self.rng, self.jour
        # Some people drop out of contact: no rendez-vous in their last months.
        arret = fin
        if sortie is None and rng.random() < 0.15:
            arret = fin - datetime.timedelta(days=rng.randint(100, 240))
        date = entree + datetime.timedelta(days=rng.randint(3, 25))
        while date <= arret:
            presence = _poids(
                rng, [(Presence.PRESENT, 80), (Presence.ABSENT_EXCUSE, 10), (Presence.ABSENT_NON_EXCUSE, 10)]
            )
            self.rows[RendezVous].append(
                RendezVous(
                    parcours=p,
                    date=_moment(date, rng.choice([9, 10, 11, 14, 15, 16]), rng.choice([0, 30])),
                    nature=_poids(
                        rng,
                        [
                            (NatureRendezVous.INDIVIDUEL, 8),
                            (NatureRendezVous.TELEPHONIQUE, 3),
                            (NatureRendezVous.COLLECTIF, 1),
                            (NatureRendezVous.VISITE, 1),
                        ],
                    ),
                    presence=presence,
                    avec=auteur,
                    created_by=auteur,
                    created_at=_moment(date, 8),
                )
            )
            date += datetime.timedelta(days=rng.randint(35, 90))
        if sortie is None and arret == fin and rng.random() < 0.5:
            prochain = jour + datetime.timedelta(days=rng.randint(1, 30))
            self.rows[RendezVous].append(
                RendezVous(
                    parcours=p,
                    date=_moment(prochain, 10),
                    nature=NatureRendezVous.INDIVIDUEL,
                    presence=Presence.PREVU,
                    avec=auteur,
                    objet="Suivi du contrat d'engagement",
                    created_by=auteur,
                    created_at=_moment(jour, 8),
                )
            )

    def _notes(self, p, entree, fin, auteur):
        for _ in range(self.rng.randint(0, 4)):
            date = _jour(self.rng, entree, fin)
            self.rows[Note].append(
                Note(
                    parcours=p, date=date, texte=self.rng.choice(NOTES), created_by=auteur, created_at=_moment(date, 17)
                )
            )
