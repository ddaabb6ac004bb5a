"""Beneficiaries and one pathway each: orientation, référent, then the events of the pathway."""

import datetime

from pacte.text import normaliser
from parcours.choices import (
    Qualite,
    TypeOrientation,
)
from parcours.models import (
    Beneficiaire,
    ChangementReferent,
    Orientation,
    Parcours,
    Sortie,
    Transfert,
)

from .commun import (
    DEBUT,
    LOT,
    MOTIFS_REORIENTATION,
    ORGANISMES,
    SORTIES,
    _horodatage_simule,
    _jour,
    _moment,
    _poids,
)


class PersonnesMixin:
    """Draws the people and walks each one's pathway; the events are drawn by the other mixins."""

    def beneficiaires(self):
        poids = [3 if m.code.startswith("LIM") else 1 for m in self.mdds]
        faker, rng = self.ctx.faker, self.rng
        personnes = []
        numero = 2100000
        while len(personnes) < self.ctx.nb_beneficiaires:
            numero += rng.randint(1, 40)
            mdd = rng.choices(self.mdds, weights=poids)[0]
            commune = rng.choice(self.communes[mdd.pk]) if self.communes[mdd.pk] else None
            nom = faker.last_name()
            adresse = faker.street_address()
            foyer = [("demandeur", rng.choice("FM"))]
            if rng.random() < 0.22 and len(personnes) + 1 < self.ctx.nb_beneficiaires:
                foyer.append(("conjoint", "M" if foyer[0][1] == "F" else "F"))
            for qualite, sexe in foyer:
                prenom = faker.first_name_female() if sexe == "F" else faker.first_name_male()
                naissance = _jour(
                    rng, datetime.date(self.jour.year - 64, 1, 1), datetime.date(self.jour.year - 19, 12, 31)
                )
                personnes.append(
                    (
                        mdd,
                        Beneficiaire(
                            organisme_payeur="msa" if rng.random() < 0.06 else "caf",
                            numero_allocataire=str(numero),
                            qualite=Qualite(qualite),
                            nom=nom,
                            prenom=prenom,
                            date_naissance=naissance,
                            sexe=sexe,
                            commune=commune,
                            adresse=adresse,
                            telephone=f"05 55 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                            nom_recherche=normaliser(f"{nom} {prenom}"),
                            created_at=_moment(DEBUT, 8),
                            updated_at=_moment(DEBUT, 8),
                        ),
                    )
                )
        with _horodatage_simule(Beneficiaire):
            Beneficiaire.objects.bulk_create([b for _m, b in personnes], batch_size=LOT)
        return personnes

    def parcours(self, mdd, beneficiaire):
        rng, jour = self.rng, self.jour
        ouverture = _jour(rng, DEBUT - datetime.timedelta(days=60), jour - datetime.timedelta(days=1))
        entree = min(ouverture + datetime.timedelta(days=rng.randint(0, 45)), jour - datetime.timedelta(days=1))
        anciennete = (jour - entree).days
        sortie = None
        if anciennete > 200 and rng.random() < 0.38:
            sortie = _jour(rng, entree + datetime.timedelta(days=120), jour - datetime.timedelta(days=1))
        fin = sortie or jour
        referents = self.referents[mdd.pk]
        p = Parcours(
            beneficiaire=beneficiaire,
            mdd=mdd,
            date_ouverture_droit=ouverture,
            date_entree=entree,
            date_sortie=sortie,
            created_at=_moment(entree, 9),
            updated_at=_moment(fin, 9),
        )
        self.rows[Parcours].append(p)

        # Orientation: new entrants wait, a few people wait too long (the alerts show them).
        if anciennete < 20:
            oriente = rng.random() < 0.15
        elif anciennete < 120:
            oriente = rng.random() < 0.7
        else:
            oriente = rng.random() < 0.985 or sortie is not None
        orientations = []
        if oriente:
            decision = min(entree + datetime.timedelta(days=rng.randint(5, 70)), fin)
            decision = max(decision, ouverture)
            type_ = _poids(
                rng,
                [
                    (TypeOrientation.PROFESSIONNELLE, 45),
                    (TypeOrientation.SOCIO_PROFESSIONNELLE, 25),
                    (TypeOrientation.SOCIALE, 30),
                ],
            )
            orientations.append(self._orientation(p, type_, decision, ""))
            if rng.random() < 0.14 and (fin - decision).days > 240:
                redecision = _jour(rng, decision + datetime.timedelta(days=180), fin)
                nouveau = rng.choice([t for t in TypeOrientation.values if t != type_])
                orientations.append(self._orientation(p, nouveau, redecision, rng.choice(MOTIFS_REORIENTATION)))
        courante = orientations[-1] if orientations else None

        # Référent unique: an MDD worker when the département (or a socio-pro path) accompanies.
        referent = None
        # (date, référent) of each change: the référent a transfer interrupts is the one in force on its date.
        historique = []
        if courante is not None and courante.type != TypeOrientation.PROFESSIONNELLE and referents:
            referent = rng.choice(referents)
            historique.append((courante.date_decision, referent))
            self.rows[ChangementReferent].append(
                ChangementReferent(
                    parcours=p,
                    nouveau=referent,
                    date=courante.date_decision,
                    created_by=referent,
                    created_at=_moment(courante.date_decision, 11),
                )
            )
            if rng.random() < 0.12 and len(set(referents)) > 1 and (fin - courante.date_decision).days > 90:
                autre = rng.choice([r for r in referents if r != referent])
                date = _jour(rng, courante.date_decision + datetime.timedelta(days=60), fin)
                self.rows[ChangementReferent].append(
                    ChangementReferent(
                        parcours=p,
                        ancien=referent,
                        nouveau=autre,
                        date=date,
                        motif="Réorganisation de la MDD",
                        created_by=autre,
                        created_at=_moment(date, 11),
                    )
                )
                referent = autre
                historique.append((date, autre))
        p.referent = referent
        auteur = referent or (referents[0] if referents else None)

        if courante is not None:
            self._contrats(p, courante, fin, sortie, auteur)
        self._freins(p, entree, fin, auteur)
        self._rendez_vous(p, entree, fin, sortie, auteur)
        self._notes(p, entree, fin, auteur)
        if sortie:
            self.rows[Sortie].append(
                Sortie(
                    parcours=p,
                    date=sortie,
                    type=_poids(rng, SORTIES),
                    created_by=auteur,
                    created_at=_moment(sortie, 16),
                )
            )
        if rng.random() < 0.05 and anciennete > 60 and len(self.mdds) > 1:
            date = _jour(rng, entree + datetime.timedelta(days=15), fin)
            origine = rng.choice([m for m in self.mdds if m.pk != mdd.pk])
            self.rows[Transfert].append(
                Transfert(
                    parcours=p,
                    date=date,
                    mdd_origine=origine,
                    mdd_destination=mdd,
                    referent_avant=next((r for d, r in reversed(historique) if d <= date), None),
                    motif="Déménagement de la personne",
                    created_by=auteur,
                    created_at=_moment(date, 10),
                )
            )
        if courante is not None and self.actions and auteur is not None and rng.random() < 0.4:
            for _ in range(rng.choice([1, 1, 2])):
                self._prescription(p, courante.date_decision, fin, auteur)

    def _orientation(self, p, type_, date, motif):
        charge = self.rng.choice(self.charges)
        o = Orientation(
            parcours=p,
            type=type_,
            organisme_referent=_poids(self.rng, ORGANISMES[type_]),
            date_decision=date,
            decidee_par=charge,
            motif=motif,
            created_by=charge,
            created_at=_moment(date, 14),
        )
        self.rows[Orientation].append(o)
        return o
