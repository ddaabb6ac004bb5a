"""The timeline and the change history of one parcours: one query per event kind, merged in Python.

The people named on the page (authors, référents, history users) are read in one query of their own rather
than joined to each event query: the joins of the whole users row cost about as much CPU as the events
themselves (22 -> 13 ms of CPU for the nine event queries of a parcours of the bench data set).
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.utils import timezone

from pacte.models import MDD, Commune, User
from pacte.text import heures
from parcours.choices import EtatContrat
from parcours.contrats import etat_contrat_effectif
from parcours.models import (
    Beneficiaire,
    ChangementReferent,
    ContratEngagement,
    DemandeReorientation,
    Frein,
    Note,
    Orientation,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
    Transfert,
)


@dataclass
class Element:
    date: datetime.date
    nature: str
    titre: str
    details: list[str] = field(default_factory=list)
    auteur: str = ""
    heure: datetime.time | None = None
    ordre: datetime.datetime | None = None
    # A planned rendez-vous whose time has come today or before: the page links to noting its attendance.
    presence_a_noter: int | None = None


def noms_utilisateurs(ids, connus=None) -> dict:
    """{pk: name} of these users, without a query for those already in `connus`."""
    noms = dict(connus or {})
    manquants = {pk for pk in ids if pk and pk not in noms}
    if manquants:
        lignes = User.objects.filter(pk__in=manquants).values_list("pk", "first_name", "last_name", "email")
        noms.update((pk, User.libelle(*valeurs)) for pk, *valeurs in lignes)
    return noms


def _date_heure(moment):
    local = timezone.localtime(moment)
    return local.date(), local.time()


@dataclass
class DonneesParcours:
    """Everything the parcours page shows, fetched with a fixed number of queries."""

    orientations: list
    changements: list
    contrats: list
    freins: list
    rendez_vous: list
    notes: list
    sorties: list
    transferts: list
    prescriptions: list
    demandes: list = field(default_factory=list)
    # {pk: name} of every user the events point to.
    utilisateurs: dict = field(default_factory=dict)

    @classmethod
    def charger(cls, parcours):
        donnees = cls(
            orientations=list(Orientation.objects.filter(parcours=parcours)),
            changements=list(ChangementReferent.objects.filter(parcours=parcours)),
            contrats=list(ContratEngagement.objects.filter(parcours=parcours)),
            freins=list(Frein.objects.filter(parcours=parcours)),
            rendez_vous=list(RendezVous.objects.filter(parcours=parcours)),
            notes=list(Note.objects.filter(parcours=parcours)),
            sorties=list(Sortie.objects.filter(parcours=parcours)),
            transferts=list(
                Transfert.objects.filter(parcours=parcours).select_related("mdd_origine", "mdd_destination")
            ),
            prescriptions=list(Prescription.objects.filter(parcours=parcours).select_related("action__partenaire")),
            demandes=list(DemandeReorientation.objects.filter(parcours=parcours)),
        )
        donnees.utilisateurs = noms_utilisateurs(donnees._ids_utilisateurs())
        return donnees

    def _ids_utilisateurs(self) -> set:
        ids = {
            e.created_by_id
            for evenements in (
                self.orientations,
                self.changements,
                self.contrats,
                self.freins,
                self.rendez_vous,
                self.notes,
                self.sorties,
                self.transferts,
            )
            for e in evenements
        }
        ids.update(o.decidee_par_id for o in self.orientations)
        ids.update(pk for c in self.changements for pk in (c.ancien_id, c.nouveau_id))
        ids.update(r.avec_id for r in self.rendez_vous)
        ids.update(p.prescripteur_id for p in self.prescriptions)
        ids.update(pk for d in self.demandes for pk in (d.demandee_par_id, d.decidee_par_id))
        return ids

    def _nom(self, pk) -> str:
        return self.utilisateurs.get(pk, "") if pk else ""

    @property
    def freins_ouverts(self):
        return [f for f in self.freins if f.date_levee is None]

    @property
    def prescriptions_en_cours(self):
        return [p for p in self.prescriptions if p.etat in ("proposee", "acceptee", "entree")]

    @staticmethod
    def _presence_a_noter(rdv, maintenant) -> bool:
        return rdv.presence == "prevu" and timezone.localtime(rdv.date).date() <= timezone.localtime(maintenant).date()

    def a_des(self, slug) -> bool:
        """Whether a form acting on an existing event has something to act on."""
        maintenant = timezone.now()
        return {
            "signature": any(c.etat == EtatContrat.BROUILLON for c in self.contrats),
            "resiliation": any(c.etat == EtatContrat.SIGNE for c in self.contrats),
            "levee": bool(self.freins_ouverts),
            "presence": any(self._presence_a_noter(r, maintenant) for r in self.rendez_vous),
            "orientation": not self.orientations,
            "reorientation": bool(self.orientations) and not any(d.etat == "en_attente" for d in self.demandes),
        }.get(slug, True)

    def timeline(self, parcours) -> list[Element]:
        """Every event, newest first; events of one day in the order they were entered (then by hour)."""
        elements = [
            Element(parcours.date_entree, "entree", "Entrée dans le dispositif", [f"MDD : {parcours.mdd}"]),
        ]
        for source in (
            self._orientations,
            self._changements,
            self._contrats,
            self._freins,
            self._rendez_vous,
            self._notes,
            self._sorties,
            self._transferts,
            self._prescriptions,
            self._demandes,
        ):
            elements.extend(source())
        plancher = datetime.datetime.min.replace(tzinfo=datetime.UTC)
        elements.sort(
            key=lambda e: (e.date, e.heure or datetime.time.min, e.ordre or plancher),
            reverse=True,
        )
        return elements

    def _orientations(self):
        for o in self.orientations:
            details = [f"Organisme référent : {o.get_organisme_referent_display()}"]
            if o.motif:
                details.append(f"Motif : {o.motif}")
            yield Element(
                o.date_decision, "orientation", f"{o}", details, self._nom(o.decidee_par_id), ordre=o.created_at
            )

    def _changements(self):
        for c in self.changements:
            details = [f"Précédent : {self._nom(c.ancien_id)}"] if c.ancien_id else []
            if c.motif:
                details.append(f"Motif : {c.motif}")
            titre = f"Référent unique : {self._nom(c.nouveau_id)}"
            yield Element(c.date, "referent", titre, details, self._nom(c.created_by_id), ordre=c.created_at)

    def _contrats(self):
        for c in self.contrats:
            etat = EtatContrat(etat_contrat_effectif(c)).label
            details = [
                f"Objectifs : {c.objectifs}",
                f"{heures(c.heures_hebdomadaires)} d'activité par semaine",
                f"État : {etat}",
            ]
            if c.date_signature:
                details.append(f"Signé le {c.date_signature:%d/%m/%Y}")
            if c.motif_duree:
                details.append(f"Motif de la durée : {c.motif_duree}")
            if c.date_resiliation:
                details.append(f"Résilié le {c.date_resiliation:%d/%m/%Y} : {c.motif_resiliation}")
            titre = f"Contrat d'engagement du {c.date_debut:%d/%m/%Y} au {c.date_fin:%d/%m/%Y}"
            yield Element(c.date_debut, "contrat", titre, details, self._nom(c.created_by_id), ordre=c.created_at)

    def _freins(self):
        for f in self.freins:
            details = [f.commentaire] if f.commentaire else []
            titre = f"Frein identifié : {f.get_categorie_display()}"
            yield Element(
                f.date_identification, "frein", titre, details, self._nom(f.created_by_id), ordre=f.created_at
            )
            if f.date_levee:
                yield Element(f.date_levee, "frein_leve", f"Frein levé : {f.get_categorie_display()}")

    def _rendez_vous(self):
        maintenant = timezone.now()
        for r in self.rendez_vous:
            jour, heure = _date_heure(r.date)
            details = [f"Présence : {r.get_presence_display()}"]
            if r.objet:
                details.append(f"Objet : {r.objet}")
            if r.avec_id:
                details.append(f"Avec : {self._nom(r.avec_id)}")
            titre = f"Rendez-vous : {r.get_nature_display()}"
            yield Element(
                jour,
                "rendez_vous",
                titre,
                details,
                self._nom(r.created_by_id),
                heure=heure,
                ordre=r.created_at,
                presence_a_noter=r.pk if self._presence_a_noter(r, maintenant) else None,
            )

    def _notes(self):
        for n in self.notes:
            yield Element(n.date, "note", "Note", [n.texte], self._nom(n.created_by_id), ordre=n.created_at)

    def _sorties(self):
        for s in self.sorties:
            details = [s.commentaire] if s.commentaire else []
            titre = f"Sortie du dispositif : {s.get_type_display()}"
            yield Element(s.date, "sortie", titre, details, self._nom(s.created_by_id), ordre=s.created_at)

    def _transferts(self):
        for t in self.transferts:
            details = [f"Motif : {t.motif}"] if t.motif else []
            titre = f"Transfert de {t.mdd_origine} vers {t.mdd_destination}"
            yield Element(t.date, "transfert", titre, details, self._nom(t.created_by_id), ordre=t.created_at)

    def _prescriptions(self):
        for p in self.prescriptions:
            details = [f"Partenaire : {p.action.partenaire}", f"État : {p.get_etat_display()}"]
            if p.date_entree:
                details.append(f"Entrée le {p.date_entree:%d/%m/%Y}")
            if p.date_sortie:
                details.append(f"Sortie le {p.date_sortie:%d/%m/%Y} ({p.get_type_sortie_display()})")
            if p.motif:
                details.append(f"Motif : {p.motif}")
            titre = f"Prescription : {p.action}"
            yield Element(
                p.date_proposition, "prescription", titre, details, self._nom(p.prescripteur_id), ordre=p.created_at
            )

    def _demandes(self):
        for d in self.demandes:
            souhait = f"Orientation demandée : {d.get_type_souhaite_display()}, {d.get_organisme_souhaite_display()}"
            details, auteur = [souhait, f"Motif : {d.motif}"], self._nom(d.demandee_par_id)
            yield Element(
                d.date_demande, "reorientation", "Demande de réorientation", details, auteur, ordre=d.created_at
            )
            if d.date_decision:
                details = [f"Motif : {d.motif_decision}"] if d.motif_decision else []
                titre = f"Demande de réorientation {d.get_etat_display().lower()}"
                yield Element(d.date_decision, "reorientation", titre, details, self._nom(d.decidee_par_id))


@dataclass
class Modification:
    date: datetime.datetime
    auteur: str
    objet: str
    action: str
    changements: list[str]


ACTIONS = {"+": "création", "~": "modification", "-": "suppression"}
CHAMPS_MASQUES = {"id", "parcours", "created_at", "created_by", "updated_at"}


def _lisible(champ, valeur, noms):
    if valeur in (None, ""):
        return "—"
    if champ.is_relation:
        return noms.get((champ.related_model._meta.label_lower, valeur), f"n° {valeur}")
    if champ.choices:
        return str(dict(champ.flatchoices).get(valeur, valeur))
    if isinstance(valeur, datetime.date):
        return f"{valeur:%d/%m/%Y}"
    return str(valeur)


def _noms_des_references(references, utilisateurs):
    """Names of the users, MDD and communes that history rows point to: one query per model, not per row, and
    none for the users already named by the timeline (`utilisateurs`)."""
    noms = {}
    for modele in (User, MDD, Commune):
        label = modele._meta.label_lower
        ids = {pk for (lab, pk) in references if lab == label}
        if modele is User:
            for pk, nom in noms_utilisateurs(ids, utilisateurs).items():
                noms[(label, pk)] = nom
            continue
        for objet in modele.objects.filter(pk__in=ids):
            noms[(label, objet.pk)] = str(objet)
    for label, pk in references:
        if label == "parcours.orientation":
            noms.setdefault((label, pk), "nouvelle orientation")
        elif label == "parcours.contratengagement":
            noms.setdefault((label, pk), "nouveau contrat")
    return noms


def historique(parcours, limite=50, utilisateurs=None) -> list[Modification]:
    """Who changed what and when (django-simple-history), on the parcours and its main events.

    `utilisateurs`: {pk: name} already read (DonneesParcours.utilisateurs), not read again."""
    sources = [
        (Parcours, "Parcours", _historique_de(Parcours).filter(id=parcours.pk)),
        (Beneficiaire, "Personne", _historique_de(Beneficiaire).filter(id=parcours.beneficiaire_id)),
        (Orientation, "Orientation", _historique_de(Orientation).filter(parcours_id=parcours.pk)),
        (ContratEngagement, "Contrat", _historique_de(ContratEngagement).filter(parcours_id=parcours.pk)),
        (Frein, "Frein", _historique_de(Frein).filter(parcours_id=parcours.pk)),
        (RendezVous, "Rendez-vous", _historique_de(RendezVous).filter(parcours_id=parcours.pk)),
    ]
    brutes = []
    references = set()
    for modele, libelle, qs in sources:
        champs = _champs_compares(modele)
        precedents = {}
        # Oldest first so that each row is compared with the previous state of the same object.
        for ligne in qs.order_by("history_date", "history_id"):
            references.add(("pacte.user", ligne.history_user_id))
            avant = precedents.get(ligne.id)
            precedents[ligne.id] = ligne
            differences = []
            if avant is not None:
                for champ in champs:
                    ancien, nouveau = getattr(avant, champ.attname), getattr(ligne, champ.attname)
                    if ancien != nouveau:
                        differences.append((champ, ancien, nouveau))
                        if champ.is_relation:
                            references.update(
                                (champ.related_model._meta.label_lower, v) for v in (ancien, nouveau) if v
                            )
                if not differences and ligne.history_type == "~":
                    continue
            brutes.append((ligne, libelle, differences))
    noms = _noms_des_references(references, utilisateurs)
    modifications = [
        Modification(
            date=ligne.history_date,
            auteur=noms.get(("pacte.user", ligne.history_user_id), "système"),
            objet=libelle,
            action=ACTIONS.get(ligne.history_type, ligne.history_type),
            changements=[
                f"{str(champ.verbose_name).capitalize()} : {_lisible(champ, ancien, noms)} → "
                f"{_lisible(champ, nouveau, noms)}"
                for champ, ancien, nouveau in differences
            ],
        )
        for ligne, libelle, differences in brutes
    ]
    modifications.sort(key=lambda m: m.date, reverse=True)
    return modifications[:limite]


def _historique_de(modele):
    """The history rows of a model, through the historical model's own manager: `modele.history` (the
    django-simple-history descriptor) builds a new manager class at every access."""
    return _modele_historique(modele).objects.all()


@functools.cache
def _modele_historique(modele):
    return modele.history.model


@functools.cache
def _champs_compares(modele):
    """Fields shown in the history: kept by the history model (some are excluded from simple_history), not masked.

    Cached: the model's fields do not change at run time, and `modele.history` builds a new manager class at
    every access (django-simple-history), which cost ~20 ms per page when done per field.
    """
    suivis = {f.name for f in _modele_historique(modele)._meta.fields}
    return [f for f in modele._meta.concrete_fields if f.name not in CHAMPS_MASQUES and f.name in suivis]
