"""Property-based: every indicator of the engine equals a plain Python computation on random data.

The plain computation is written from the fiches of evaluation.indicateurs.catalogue (their population,
numerator, denominator and exclusions), not from the engine's queries.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courriers import modeles
from evaluation.indicateurs import (
    DELAI_FREIN_A_L_ENTREE,
    Filtres,
    calculer_indicateurs,
    euros,
    mediane_de,
    moyenne,
    pourcentage,
)
from pacte.choices import Milieu, TypeSortie
from pacte.referentiel import delai_orientation_jours
from parcours.choices import CategorieFrein, EtatPrescription, Presence, TypeOrientation
from parcours.faits import recalculer_premieres_dates
from parcours.models import (
    Beneficiaire,
    ContratEngagement,
    Frein,
    Orientation,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
)
from partenaires.models import Action, Financement, Versement
from tests.droits.factories import BaremeFactory, DelegationFactory
from tests.evaluation import naif_droits_et_courriers
from tests.pacte.factories import CommuneFactory, MDDFactory, SiteFactory, TerritoireFactory, UserFactory
from tests.partenaires.factories import ActionFactory, FinancementFactory, ObjectifFactory, PartenaireFactory

ORIGINE = datetime.date(2024, 1, 1)


def jour(n):
    return ORIGINE + datetime.timedelta(days=n)


jours = st.integers(min_value=0, max_value=720)
duree = st.integers(min_value=0, max_value=200)

orientation_st = st.tuples(duree, st.sampled_from(list(TypeOrientation.values)))
contrat_st = st.tuples(
    duree, st.integers(1, 300), st.one_of(st.none(), duree), st.one_of(st.none(), duree), st.booleans()
)
rdv_st = st.tuples(jours, st.sampled_from(list(Presence.values)))
prescription_st = st.tuples(
    st.integers(0, 2),
    duree,
    st.one_of(st.none(), duree),
    st.one_of(st.none(), st.tuples(duree, st.sampled_from(list(TypeSortie.values)))),
    st.booleans(),
)
frein_st = st.tuples(st.sampled_from(list(CategorieFrein.values)), duree, st.one_of(st.none(), duree))

parcours_st = st.fixed_dictionaries(
    {
        "mdd": st.integers(0, 1),
        "rural": st.booleans(),
        "ouverture": jours,
        "entree_apres": st.integers(0, 60),
        "sortie": st.one_of(st.none(), st.tuples(duree, st.sampled_from(list(TypeSortie.values)))),
        "referent": st.booleans(),
        "orientations": st.lists(orientation_st, max_size=3),
        "contrats": st.lists(contrat_st, max_size=2),
        "rdv": st.lists(rdv_st, max_size=3),
        "prescriptions": st.lists(prescription_st, max_size=2),
        "freins": st.lists(frein_st, max_size=2),
        "droits": naif_droits_et_courriers.droits_st,
    }
)

donnees_st = st.fixed_dictionaries(
    {
        "parcours": st.lists(parcours_st, max_size=10),
        "actions": st.lists(
            st.tuples(st.integers(0, 1), st.integers(0, 12), jours, st.integers(30, 500), st.integers(0, 2)),
            min_size=3,
            max_size=3,
        ),
        "financements": st.lists(st.tuples(st.integers(0, 500), st.integers(1, 400)), min_size=0, max_size=3),
        "versements": st.lists(st.tuples(st.integers(0, 2), jours, st.integers(1, 9000)), max_size=4),
        "periode": st.tuples(jours, st.integers(0, 400)),
        "filtre": st.sampled_from(["aucun", "mdd", "territoire", "milieu", "thematique"]),
    }
)


@pytest.fixture
def socle(db):
    territoires = [TerritoireFactory(), TerritoireFactory()]
    mdds = [MDDFactory(territoire=t) for t in territoires]
    communes = {
        (i, milieu): CommuneFactory(mdd=mdd, milieu=milieu)
        for i, mdd in enumerate(mdds)
        for milieu in (Milieu.URBAIN, Milieu.RURAL)
    }
    sites = [SiteFactory(mdd=mdds[0], milieu=Milieu.URBAIN), SiteFactory(mdd=mdds[1], milieu=Milieu.RURAL)]
    objectifs = [ObjectifFactory(), ObjectifFactory()]
    referent = UserFactory()
    return {
        "territoires": territoires,
        "mdds": mdds,
        "communes": communes,
        "sites": sites,
        "objectifs": objectifs,
        "partenaire": PartenaireFactory(),
        "referent": referent,
        "charge": UserFactory(charge_orientation=True),
        "version": modeles.version_courante("87", "invitation"),
        # In force from 1 June 2025: an earlier period has no scale (its attended rendez-vous make hours unknown).
        "bareme": BaremeFactory(),
        "delegation": DelegationFactory(utilisateur=referent),
    }


def _charger(socle, d):
    """Write the random data set with bulk_create; return the plain-Python view of it."""
    financements = [
        FinancementFactory(
            partenaire=socle["partenaire"],
            date_debut=jour(debut),
            date_fin=jour(debut + longueur),
            montant_conventionne=Decimal(1000 + 37 * debut),
        )
        for debut, longueur in d["financements"]
    ]
    actions = []
    for i, (objectif, places, debut, longueur, site) in enumerate(d["actions"]):
        action = ActionFactory(
            objectif=socle["objectifs"][objectif],
            partenaire=socle["partenaire"],
            financement=financements[i % len(financements)] if financements else None,
            date_debut=jour(debut),
            date_fin=jour(debut + longueur),
            places=places,
        )
        if site < 2:
            action.sites.add(socle["sites"][site])
            if site == 0:
                action.territoires.add(socle["territoires"][0])
        actions.append(action)
    for f, date, montant in d["versements"]:
        if financements:
            Versement.objects.create(
                financement=financements[f % len(financements)], nature="avance", date=jour(date), montant=montant
            )

    beneficiaires = Beneficiaire.objects.bulk_create(
        [
            Beneficiaire(
                numero_allocataire=f"{2000000 + i}",
                nom="X",
                prenom="Y",
                date_naissance=datetime.date(1980, 1, 1),
                commune=socle["communes"][(p["mdd"], Milieu.RURAL if p["rural"] else Milieu.URBAIN)],
            )
            for i, p in enumerate(d["parcours"])
        ]
    )
    parcours_objs = []
    for b, p in zip(beneficiaires, d["parcours"], strict=True):
        entree = p["ouverture"] + p["entree_apres"]
        sortie = entree + p["sortie"][0] if p["sortie"] else None
        parcours_objs.append(
            Parcours(
                beneficiaire=b,
                mdd=socle["mdds"][p["mdd"]],
                referent=socle["referent"] if p["referent"] else None,
                date_ouverture_droit=jour(p["ouverture"]),
                date_entree=jour(entree),
                date_sortie=jour(sortie) if sortie is not None else None,
            )
        )
    parcours_objs = Parcours.objects.bulk_create(parcours_objs)
    orientations, contrats, rdvs, prescriptions, freins, sorties = [], [], [], [], [], []
    for obj, p in zip(parcours_objs, d["parcours"], strict=True):
        o = obj.date_ouverture_droit
        for apres, type_ in p["orientations"]:
            orientations.append(
                Orientation(
                    parcours=obj,
                    type=type_,
                    organisme_referent="departement",
                    date_decision=o + datetime.timedelta(days=apres),
                    decidee_par=socle["charge"],
                )
            )
        for apres, longueur, signature, resiliation, brouillon in p["contrats"]:
            debut = o + datetime.timedelta(days=apres)
            signe = debut + datetime.timedelta(days=signature) if signature is not None else None
            contrats.append(
                ContratEngagement(
                    parcours=obj,
                    date_debut=debut,
                    date_fin=debut + datetime.timedelta(days=longueur),
                    objectifs="x",
                    date_signature=signe,
                    # A brouillon may carry a signature date: it is not in force (fiche).
                    etat="signe" if signe and not brouillon else "brouillon",
                    date_resiliation=debut + datetime.timedelta(days=resiliation) if resiliation is not None else None,
                )
            )
        for date, presence in p["rdv"]:
            rdvs.append(
                RendezVous(
                    parcours=obj,
                    nature="individuel",
                    presence=presence,
                    date=datetime.datetime.combine(jour(date), datetime.time(10), tzinfo=datetime.UTC),
                )
            )
        for action, proposition, entree, sortie, abandon in p["prescriptions"]:
            proposee = obj.date_entree + datetime.timedelta(days=proposition)
            entree_le = proposee + datetime.timedelta(days=entree) if entree is not None else None
            sortie_le = entree_le + datetime.timedelta(days=sortie[0]) if sortie and entree_le else None
            etat = (EtatPrescription.SORTIE if sortie_le else EtatPrescription.ENTREE) if entree_le else "proposee"
            if abandon:
                etat = EtatPrescription.ABANDON
            prescriptions.append(
                Prescription(
                    parcours=obj,
                    action=actions[action],
                    prescripteur=socle["referent"],
                    etat=etat,
                    date_proposition=proposee,
                    date_entree=entree_le,
                    date_sortie=sortie_le,
                    type_sortie=sortie[1] if sortie_le else "",
                )
            )
        for categorie, identification, levee in p["freins"]:
            ident = obj.date_entree + datetime.timedelta(days=identification - 20)
            freins.append(
                Frein(
                    parcours=obj,
                    categorie=categorie,
                    date_identification=ident,
                    date_levee=ident + datetime.timedelta(days=levee) if levee is not None else None,
                )
            )
        if obj.date_sortie:
            sorties.append(Sortie(parcours=obj, date=obj.date_sortie, type=p["sortie"][1]))
    for model, objs in (
        (Orientation, orientations),
        (ContratEngagement, contrats),
        (RendezVous, rdvs),
        (Prescription, prescriptions),
        (Frein, freins),
        (Sortie, sorties),
    ):
        model.objects.bulk_create(objs)
    # bulk_create sends no signal: the documented step after a bulk load.
    recalculer_premieres_dates()
    naif_droits_et_courriers.charger(socle, ORIGINE, parcours_objs, d["parcours"])


def _naif(debut, fin, filtres: Filtres):
    """Every indicator from Python lists, following the definitions of evaluation.indicateurs."""
    actions = list(Action.objects.prefetch_related("sites", "territoires"))
    tous_parcours = list(Parcours.objects.select_related("beneficiaire__commune", "mdd"))
    prescriptions = list(Prescription.objects.all())

    def action_ok(a):
        if filtres.thematique and a.thematique_id != filtres.thematique:
            return False
        sites = list(a.sites.all())
        territoires = [t.pk for t in a.territoires.all()]
        if filtres.mdd:
            mdd_territoire = (
                next(p.mdd.territoire_id for p in tous_parcours if p.mdd_id == filtres.mdd)
                if any(p.mdd_id == filtres.mdd for p in tous_parcours)
                else None
            )
            from pacte.models import MDD

            mdd_territoire = MDD.objects.get(pk=filtres.mdd).territoire_id
            if not (mdd_territoire in territoires or any(s.mdd_id == filtres.mdd for s in sites)):
                return False
        if filtres.territoire and not (
            filtres.territoire in territoires or any(s.mdd.territoire_id == filtres.territoire for s in sites)
        ):
            return False
        return not (filtres.milieu and not any(s.milieu == filtres.milieu for s in sites))

    actions_ok = {a.pk for a in actions if action_ok(a)}

    def parcours_ok(p):
        if filtres.mdd and p.mdd_id != filtres.mdd:
            return False
        if filtres.territoire and p.mdd.territoire_id != filtres.territoire:
            return False
        if filtres.milieu and (p.beneficiaire.commune is None or p.beneficiaire.commune.milieu != filtres.milieu):
            return False
        if filtres.thematique:
            thematiques = {a.pk: a.thematique_id for a in actions}
            return any(
                thematiques[pr.action_id] == filtres.thematique for pr in prescriptions if pr.parcours_id == p.pk
            )
        return True

    parcours = [p for p in tous_parcours if parcours_ok(p)]
    ids = {p.pk for p in parcours}
    r = {}
    dans = lambda d: d is not None and debut <= d <= fin  # noqa: E731
    stock = [p for p in parcours if p.date_entree <= fin and (p.date_sortie is None or p.date_sortie > fin)]
    stock_ids = {p.pk for p in stock}
    r["stock_parcours_ouverts"] = len(stock)
    r["entrees"] = sum(1 for p in parcours if dans(p.date_entree))
    r["sorties"] = sum(1 for p in parcours if dans(p.date_sortie))
    sorties = [s for s in Sortie.objects.all() if s.parcours_id in ids and dans(s.date)]
    for t in TypeSortie:
        r[f"sorties_dispositif_{t.value}"] = sum(1 for s in sorties if s.type == t.value)

    orientations = list(Orientation.objects.all())
    orientes = {o.parcours_id for o in orientations if o.date_decision <= fin}
    r["part_orientes"] = pourcentage(len(stock_ids & orientes), len(stock))
    premieres = {}
    for o in orientations:
        if o.parcours_id not in premieres or o.date_decision < premieres[o.parcours_id]:
            premieres[o.parcours_id] = o.date_decision
    delais = sorted((premieres[p.pk] - p.date_ouverture_droit).days for p in parcours if dans(premieres.get(p.pk)))
    r["delai_orientation_moyen"] = moyenne(sum(delais), len(delais))
    r["delai_orientation_median"] = (
        mediane_de(delais[(len(delais) - 1) // 2], delais[len(delais) // 2]) if delais else None
    )
    r["part_orientes_30_jours"] = pourcentage(sum(1 for x in delais if x <= delai_orientation_jours()), len(delais))
    dans_periode = [o for o in orientations if o.parcours_id in ids and dans(o.date_decision)]
    for t in TypeOrientation:
        r[f"orientations_{t.value}"] = sum(1 for o in dans_periode if o.type == t.value)
    # Fiche: decisions that are not the first of their parcours.
    r["reorientations"] = sum(
        1
        for o in dans_periode
        if any(
            a.parcours_id == o.parcours_id
            and (a.date_decision < o.date_decision or (a.date_decision == o.date_decision and a.pk < o.pk))
            for a in orientations
        )
    )

    r["part_referent_unique"] = pourcentage(sum(1 for p in stock if p.referent_id), len(stock))
    contrats = list(ContratEngagement.objects.all())
    en_vigueur = {
        c.parcours_id
        for c in contrats
        if c.date_signature is not None
        and c.etat != "brouillon"
        and c.date_signature <= fin
        and c.date_debut <= fin <= c.date_fin
        and (c.date_resiliation is None or c.date_resiliation > fin)
    }
    r["part_contrat_en_vigueur"] = pourcentage(len(stock_ids & en_vigueur), len(stock))
    premiers_contrats = {}
    for c in contrats:
        if (
            c.date_signature
            and c.etat != "brouillon"
            and (c.parcours_id not in premiers_contrats or c.date_signature < premiers_contrats[c.parcours_id])
        ):
            premiers_contrats[c.parcours_id] = c.date_signature
    delais_c = sorted(
        (premiers_contrats[p.pk] - premieres[p.pk]).days
        for p in parcours
        if dans(premiers_contrats.get(p.pk)) and p.pk in premieres and premieres[p.pk] <= premiers_contrats[p.pk]
    )
    r["delai_contrat_moyen"] = moyenne(sum(delais_c), len(delais_c))
    r["delai_contrat_median"] = (
        mediane_de(delais_c[(len(delais_c) - 1) // 2], delais_c[len(delais_c) // 2]) if delais_c else None
    )
    rdvs = [v for v in RendezVous.objects.all() if v.parcours_id in ids and dans(timezone.localtime(v.date).date())]
    tenus = [v for v in rdvs if v.presence != Presence.PREVU]
    r["taux_presence_rdv"] = pourcentage(sum(1 for v in tenus if v.presence == Presence.PRESENT), len(tenus))

    presc = [p for p in prescriptions if p.action_id in actions_ok and (filtres.est_vide() or p.parcours_id in ids)]
    par_pk = {a.pk: a for a in actions}
    personne = {p.pk: p.beneficiaire_id for p in tous_parcours}

    def presence(p):
        """Fiche «participants»: from the entry (not before the action's start) to the exit or the action's end."""
        if p.date_entree is None or p.etat not in ("entree", "sortie", "abandon"):
            return None
        action = par_pk[p.action_id]
        # An abandon without a date: present on the entry day only.
        sans_date = p.date_entree if p.etat == "abandon" else action.date_fin
        fin_presence = min(p.date_sortie or sans_date, action.date_fin)
        return max(p.date_entree, action.date_debut), fin_presence

    participants = len(
        {
            personne[p.parcours_id]
            for p in presc
            if (bornes := presence(p)) and bornes[0] <= bornes[1] and bornes[0] <= fin and bornes[1] >= debut
        }
    )
    r["participants"] = participants
    en_cours = {a.pk for a in actions if a.pk in actions_ok and a.date_debut <= fin <= a.date_fin and a.places}
    presents = sum(
        1
        for p in prescriptions
        if p.action_id in en_cours
        and p.date_entree is not None
        and p.date_entree <= fin
        and ((p.date_sortie is None and p.etat in ("entree", "sortie")) or (p.date_sortie and p.date_sortie > fin))
    )
    r["taux_occupation"] = pourcentage(presents, sum(par_pk[pk].places for pk in en_cours))
    for e in EtatPrescription:
        r[f"prescriptions_{e.value}"] = sum(1 for p in presc if p.etat == e.value and dans(p.date_proposition))
    total = emploi = 0
    for t in TypeSortie:
        n = sum(1 for p in presc if p.type_sortie == t.value and dans(p.date_sortie))
        r[f"sorties_action_{t.value}"] = n
        total += n
        if t in TypeSortie.vers_emploi():
            emploi += n
    r["taux_sorties_emploi"] = pourcentage(emploi, total)
    # Fiche «budget»: financements running in the period, with or without an action; with a filter, only those
    # of an action in scope. Payments dated in the period, whether their financement still runs or not.
    tous_financements = list(Financement.objects.all())
    if not filtres.est_vide():
        attaches = {a.financement_id for a in actions if a.pk in actions_ok}
        tous_financements = [f for f in tous_financements if f.pk in attaches]
    en_cours_f = [f for f in tous_financements if f.date_debut <= fin and f.date_fin >= debut]
    ids_f = {f.pk for f in tous_financements}
    versements = [v for v in Versement.objects.all() if v.financement_id in ids_f and dans(v.date)]
    conventionne = euros(sum(f.montant_conventionne for f in en_cours_f)) if en_cours_f else None
    verse = euros(sum((v.montant for v in versements), Decimal(0))) if en_cours_f or versements else None
    r["budget_conventionne"] = conventionne
    r["budget_verse"] = verse
    r["taux_consommation"] = pourcentage(verse, conventionne) if verse is not None else None
    r["cout_par_participant"] = euros(verse / participants) if verse is not None and participants else None

    entrants = [p for p in parcours if dans(p.date_entree)]
    freins = list(Frein.objects.all())

    def a_frein(p, categorie=None):
        return any(
            f.parcours_id == p.pk
            and (categorie is None or f.categorie == categorie)
            and f.date_identification <= p.date_entree + datetime.timedelta(days=DELAI_FREIN_A_L_ENTREE)
            and (f.date_levee is None or f.date_levee >= p.date_entree)
            for f in freins
        )

    r["prevalence_freins_entree"] = pourcentage(sum(1 for p in entrants if a_frein(p)), len(entrants))
    for cat in CategorieFrein:
        r[f"frein_entree_{cat.value}"] = pourcentage(sum(1 for p in entrants if a_frein(p, cat.value)), len(entrants))
    actifs = [
        f
        for f in freins
        if f.parcours_id in ids and f.date_identification <= fin and (f.date_levee is None or f.date_levee >= debut)
    ]
    r["part_freins_leves"] = pourcentage(sum(1 for f in actifs if dans(f.date_levee)), len(actifs))
    r.update(naif_droits_et_courriers.naif(debut, fin, ids))
    return r


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(d=donnees_st)
def test_chaque_indicateur_egale_le_calcul_naif_sur_des_donnees_aleatoires(socle, d):
    with transaction.atomic():
        _charger(socle, d)
        debut = jour(d["periode"][0])
        fin = debut + datetime.timedelta(days=d["periode"][1])
        filtres = {
            "aucun": Filtres(),
            "mdd": Filtres(mdd=socle["mdds"][0].pk),
            "territoire": Filtres(territoire=socle["territoires"][1].pk),
            "milieu": Filtres(milieu=Milieu.RURAL),
            "thematique": Filtres(thematique=socle["objectifs"][0].thematique_id),
        }[d["filtre"]]
        moteur = calculer_indicateurs(debut, fin, filtres)
        attendu = _naif(debut, fin, filtres)
        assert set(moteur) == set(attendu)
        differences = {
            code: (moteur[code].valeur, attendu[code]) for code in attendu if moteur[code].valeur != attendu[code]
        }
        assert differences == {}
        transaction.set_rollback(True)
