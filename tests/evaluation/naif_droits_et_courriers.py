"""Random invitations, convocations, manquements, decisions and hours for the property-based comparison, and the
plain-Python computation of their figures written from fiches_courriers and fiches_droits (not from the engine)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from hypothesis import strategies as st

from courriers.models import Convocation, Creneau, Invitation, Message, Reservation
from droits.models import ActivitePlan, Decision, DossierEP, HeuresRealisees, Manquement, SeanceEP
from evaluation.indicateurs import moyenne, pourcentage
from pacte.models import BaremeDroitsDevoirs
from parcours.models import ContratEngagement, RendezVous

jours = st.integers(min_value=0, max_value=720)
heure = st.integers(0, 23)
invitation_st = st.tuples(
    jours,
    heure,
    st.lists(st.sampled_from(["email", "sms", "courrier"]), unique=True, max_size=3),
    st.sampled_from(["envoye", "echoue", "en_attente"]),
    st.one_of(st.none(), st.tuples(st.integers(1, 400), st.booleans())),  # booking: hours later, cancelled
)
convocation_st = st.tuples(jours, heure, st.sampled_from(["prevu", "present", "absent_excuse", "absent_non_excuse"]))
decision_st = st.tuples(
    st.integers(0, 60),
    st.sampled_from(["sans_sanction", "suspension", "reorientation"]),
    st.integers(30, 100),
    st.integers(1, 4),
    st.one_of(st.none(), st.tuples(st.integers(0, 120), st.booleans())),  # end: days after start, remobilised
)
manquement_st = st.tuples(
    jours,
    st.sampled_from(["absence_convocation", "contrat_non_signe", "heures_non_realisees", "refus_action"]),
    st.one_of(st.none(), decision_st),
    st.one_of(st.none(), st.tuples(jours, heure, st.sampled_from(["", "suspension", "ajournement"]))),
)
droits_st = st.fixed_dictionaries(
    {
        "invitations": st.lists(invitation_st, max_size=2),
        "convocations": st.lists(convocation_st, max_size=2),
        "manquements": st.lists(manquement_st, max_size=2),
        "plans": st.lists(st.tuples(jours, st.integers(0, 40), st.integers(1, 35)), max_size=2),
        "heures": st.lists(st.tuples(jours, st.integers(1, 20)), max_size=2),
    }
)


def _moment(origine, jour, h):
    return timezone.make_aware(datetime.datetime.combine(origine + datetime.timedelta(days=jour), datetime.time(h)))


def _lundi(jour):
    return jour - datetime.timedelta(days=jour.weekday())


def charger(socle, origine, parcours_objs, donnees):
    """Write each parcours' droits et courriers data (few rows: plain creates)."""
    for obj, p in zip(parcours_objs, donnees, strict=True):
        d = p["droits"]
        for jour, h, canaux, statut, reservation in d["invitations"]:
            cree = _moment(origine, jour, h)
            inv = Invitation.objects.create(parcours=obj, expire_le=cree + datetime.timedelta(days=15))
            for canal in canaux:
                Message.objects.create(
                    parcours=obj, nature="invitation", canal=canal, invitation=inv, version=socle["version"],
                    objet="x", contenu="x", statut=statut,
                )  # fmt: skip
            champs = {"created_at": cree}
            if reservation:
                debut = cree + datetime.timedelta(hours=reservation[0])
                creneau = Creneau.objects.create(
                    site=socle["sites"][0],
                    agent=socle["referent"],
                    debut=debut,
                    fin=debut + datetime.timedelta(hours=1),
                )
                annulee = cree if reservation[1] else None
                resa = Reservation.objects.create(creneau=creneau, parcours=obj, place=1, annulee_le=annulee)
                champs.update(reservation=resa, etat="reservee")
            Invitation.objects.filter(pk=inv.pk).update(**champs)
        for jour, h, presence in d["convocations"]:
            date = _moment(origine, jour, h)
            rdv = RendezVous.objects.create(parcours=obj, nature="individuel", presence=presence, date=date)
            Convocation.objects.create(parcours=obj, rendez_vous=rdv, date=date)
        _charger_droits(socle, origine, obj, d)


def _charger_droits(socle, origine, obj, d):
    for jour, nature, decision, dossier in d["manquements"]:
        constat = origine + datetime.timedelta(days=jour)
        m = Manquement.objects.create(
            parcours=obj, nature=nature, faits="x", date_constat=constat, bareme=socle["bareme"],
            created_by=socle["referent"],
        )  # fmt: skip
        if dossier:
            seance = SeanceEP.objects.create(
                territoire=obj.mdd.territoire, date=_moment(origine, dossier[0], dossier[1]), lieu="x",
                created_by=socle["referent"],
            )  # fmt: skip
            DossierEP.objects.create(seance=seance, manquement=m, avis=dossier[2])
        if decision:
            apres, nature_d, taux, duree, fin_s = decision
            date_decision = constat + datetime.timedelta(days=apres)
            champs = {}
            if nature_d == "suspension":
                debut = date_decision + datetime.timedelta(days=3)
                champs = {"taux": taux, "duree_mois": duree, "date_debut": debut, "date_fin": debut}
                if fin_s:
                    champs["date_cloture"] = debut + datetime.timedelta(days=fin_s[0])
                    if fin_s[1]:
                        champs["date_remobilisation"] = champs["date_cloture"]
            Decision.objects.create(
                manquement=m, nature=nature_d, date_decision=date_decision, decide_par=socle["referent"],
                delegation=socle["delegation"], motivation="x", **champs,
            )  # fmt: skip
    contrat = ContratEngagement.objects.filter(parcours=obj).order_by("pk").first()
    if contrat is not None:
        for jour, longueur, heures in d["plans"]:
            debut = origine + datetime.timedelta(days=jour)
            ActivitePlan.objects.create(
                contrat=contrat, nature="formation", libelle="x", heures_hebdomadaires=heures, date_debut=debut,
                date_fin=debut + datetime.timedelta(days=longueur), created_by=socle["referent"],
            )  # fmt: skip
    for jour, heures in d["heures"]:
        semaine = _lundi(origine + datetime.timedelta(days=jour))
        HeuresRealisees.objects.create(parcours=obj, semaine=semaine, heures=heures, created_by=socle["referent"])


def naif(debut, fin, ids) -> dict:
    """The figures of both groups, from Python lists of the rows of the parcours in scope (`ids`)."""
    dans = lambda d: d is not None and debut <= d <= fin  # noqa: E731
    local = timezone.localdate
    r = {}
    invitations = Invitation.objects.select_related("parcours", "reservation__creneau")
    invitations = [i for i in invitations if i.parcours_id in ids and dans(local(i.created_at))]
    r["invitations_envoyees"] = len(invitations)
    r["personnes_invitees"] = len({i.parcours.beneficiaire_id for i in invitations})
    messages = [m for m in Message.objects.all() if m.invitation_id in {i.pk for i in invitations}]
    for canal in ("email", "sms", "courrier"):
        parvenus = {m.invitation_id for m in messages if m.canal == canal and m.statut not in ("echoue", "rejete")}
        r[f"invitations_canal_{canal}"] = len(parvenus)
    reservees = [i for i in invitations if i.reservation_id or i.etat == "reservee" or i.deplacements]
    r["part_invitations_reservees"] = pourcentage(len(reservees), len(invitations))
    tenues = [i for i in invitations if i.reservation_id and i.reservation.annulee_le is None]
    secondes = sum((i.reservation.creneau.debut - i.created_at).total_seconds() for i in tenues)
    r["delai_invitation_rendez_vous_moyen"] = (
        (Decimal(secondes) / 86400 / len(tenues)).quantize(Decimal("0.1"), ROUND_HALF_UP) if tenues else None
    )
    convocations = [c for c in Convocation.objects.select_related("rendez_vous") if c.parcours_id in ids]
    convocations = [c for c in convocations if dans(local(c.date))]
    notees = [c for c in convocations if c.rendez_vous and c.rendez_vous.presence != "prevu"]
    r["convocations"] = len(convocations)
    absents = sum(1 for c in notees if c.rendez_vous.presence == "absent_non_excuse")
    r["taux_absence_convocations"] = pourcentage(absents, len(notees))
    r.update(_naif_droits(debut, fin, ids, dans))
    return r


def _naif_droits(debut, fin, ids, dans) -> dict:
    r = {}
    manquements = [m for m in Manquement.objects.select_related("parcours") if m.parcours_id in ids]
    periode = [m for m in manquements if dans(m.date_constat)]
    r["manquements"] = len(periode)
    r["personnes_en_manquement"] = len({m.parcours.beneficiaire_id for m in periode})
    for n in ("absence_convocation", "contrat_non_signe", "heures_non_realisees", "refus_action"):
        r[f"manquements_{n}"] = sum(1 for m in periode if m.nature == n)
    dossiers = [
        d
        for d in DossierEP.objects.select_related("seance", "manquement")
        if d.manquement.parcours_id in ids and d.avis and dans(timezone.localdate(d.seance.date))
    ]
    r["dossiers_ep"] = len(dossiers)
    for a in ("sans_sanction", "suspension", "reorientation", "ajournement"):
        r[f"dossiers_ep_{a}"] = sum(1 for d in dossiers if d.avis == a)
    decisions = [d for d in Decision.objects.select_related("manquement") if d.manquement.parcours_id in ids]
    du_mois = [d for d in decisions if dans(d.date_decision)]
    for n in ("sans_sanction", "suspension", "reorientation"):
        r[f"decisions_{n}"] = sum(1 for d in du_mois if d.nature == n)
    s = [d for d in du_mois if d.nature == "suspension"]
    r["suspensions_taux_moyen"] = moyenne(sum(d.taux for d in s), len(s))
    r["suspensions_duree_moyenne"] = moyenne(sum(d.duree_mois for d in s), len(s))
    r["suspensions_taux_moins_de_50"] = sum(1 for d in s if d.taux < 50)
    r["suspensions_taux_50_a_99"] = sum(1 for d in s if 50 <= d.taux < 100)
    r["suspensions_taux_100"] = sum(1 for d in s if d.taux == 100)
    r["suspensions_un_mois"] = sum(1 for d in s if d.duree_mois == 1)
    r["suspensions_deux_mois"] = sum(1 for d in s if d.duree_mois == 2)
    r["suspensions_plus_de_deux_mois"] = sum(1 for d in s if d.duree_mois > 2)
    terminees = [d for d in decisions if d.nature == "suspension" and dans(d.date_cloture)]
    remobilisees = [d for d in terminees if d.date_remobilisation]
    r["taux_remobilisation"] = pourcentage(len(remobilisees), len(terminees))
    jours = sum(max((d.date_remobilisation - d.date_debut).days, 0) for d in remobilisees)
    r["delai_remobilisation_moyen"] = moyenne(jours, len(remobilisees)) if remobilisees else None
    r.update(_naif_heures(debut, fin, ids))
    return r


def _naif_heures(debut, fin, ids) -> dict:
    lundis = [
        j for j in (debut + datetime.timedelta(days=n) for n in range((fin - debut).days + 1)) if j.weekday() == 0
    ]
    plans = [
        a
        for a in ActivitePlan.objects.select_related("contrat")
        if a.contrat.parcours_id in ids and a.contrat.etat in ("signe", "echu", "resilie")
    ]
    prevues = sum(
        (a.heures_hebdomadaires for a in plans for s in lundis if a.date_debut <= s + datetime.timedelta(days=6)
         and a.date_fin >= s),
        Decimal(0),
    )  # fmt: skip
    saisies = sum(
        (h.heures for h in HeuresRealisees.objects.all() if h.parcours_id in ids and h.semaine in lundis), Decimal(0)
    )
    avec_plan = {a.contrat.parcours_id for a in plans if lundis and a.date_debut <= lundis[-1] + datetime.timedelta(
        days=6) and a.date_fin >= lundis[0]}  # fmt: skip
    honores = sum(
        1
        for rdv in RendezVous.objects.all()
        if rdv.parcours_id in avec_plan and rdv.presence == "present" and _lundi(timezone.localdate(rdv.date)) in lundis
    )
    bareme = BaremeDroitsDevoirs.objects.en_vigueur_le(fin)
    realisees = (
        None if honores and bareme is None else saisies + honores * (bareme.duree_rendez_vous_heures if bareme else 0)
    )
    return {
        "heures_prevues": prevues,
        "heures_realisees": realisees,
        "taux_realisation_heures": pourcentage(realisees, prevues) if realisees is not None else None,
    }
