"""Demo agenda, templates and invitations of the demo MDD: créneaux for the coming two weeks, the département's
default templates, a dozen invitations (one booked from its link, one expired), a convocation.

Called by `manage.py generer_demo` after the pathways. The créneaux are dated from the real clock (a booking is
refused in the past); the messages stay queued: nothing is sent from a demo.
"""

import datetime

from django.utils import timezone

from config.demo.comptes import MDD_DEMO
from courriers import agenda, convocations, invitations, modeles, reservations
from courriers.models import Consentement, Creneau, Invitation
from courriers.telephone import mobile_francais
from pacte.models import MDD, Pacte, Role
from parcours.models import Beneficiaire, Parcours

HEURES_DU_MATIN = (9, 9.5, 10, 10.5, 11, 11.5)


def _jours_ouvres(nombre):
    jour = timezone.localdate()
    while nombre:
        jour += datetime.timedelta(days=1)
        if jour.weekday() < 5:
            nombre -= 1
            yield jour


def _creneaux(site, agent):
    tz = timezone.get_current_timezone()
    for jour in _jours_ouvres(10):
        debut = datetime.datetime.combine(jour, datetime.time(9), tzinfo=tz)
        agenda.creer_creneaux(
            site=site,
            nature="individuel",
            debut=debut,
            duree_minutes=30,
            nombre=len(HEURES_DU_MATIN),
            agent=agent,
            par=agent,
        )
        if jour.weekday() == 1:
            agenda.creer_creneaux(
                site=site,
                nature="collectif",
                debut=debut.replace(hour=14),
                duree_minutes=120,
                capacite=12,
                intitule="Information collective : droits et devoirs du RSA",
                par=agent,
            )


def generer(ctx):
    pacte = Pacte.courant()
    mdd = MDD.objects.filter(code=MDD_DEMO).first() or MDD.objects.order_by("pk").first()
    site = mdd.sites.order_by("pk").first() if mdd else None
    agent = ctx.comptes.get(Role.TRAVAILLEUR_SOCIAL)
    if pacte is None or site is None or agent is None:
        return
    modeles.installer_modeles_par_defaut(pacte.departement_code)
    _creneaux(site, agent)
    ouverts = list(
        Parcours.objects.filter(mdd=mdd, date_sortie__isnull=True)
        .exclude(beneficiaire__adresse="")
        .select_related("beneficiaire")
        .order_by("pk")[:60]
    )
    choisis = ctx.rng.sample(ouverts, min(12, len(ouverts)))
    joignables = [p.beneficiaire for p in choisis[:8]]
    for beneficiaire in joignables:
        if mobile_francais(beneficiaire.telephone) is None:
            beneficiaire.telephone = f"06 {ctx.rng.randrange(10**8):08d}"
        if not beneficiaire.email:
            beneficiaire.email = f"{beneficiaire.nom_recherche.replace(' ', '.')}@exemple.invalid"
    Beneficiaire.objects.bulk_update(joignables, ["telephone", "email"])
    Consentement.objects.bulk_create(
        [Consentement(beneficiaire=p.beneficiaire, sms=True, email=True) for p in choisis[:8]], ignore_conflicts=True
    )
    invitations.inviter([p.pk for p in choisis[:10]], canaux=["sms", "email", "courrier"], par=agent)
    envoyees = list(Invitation.objects.filter(parcours__in=choisis[:10]).order_by("pk"))
    libres = Creneau.objects.ouverts_pour(mdd, timezone.now() + datetime.timedelta(days=20))
    if envoyees and libres:
        reservations.choisir(envoyees[0], libres[0].pk)
    if len(envoyees) > 1:
        Invitation.objects.filter(pk=envoyees[1].pk).update(expire_le=timezone.now() - datetime.timedelta(days=1))
        invitations.expirer()
    libres = list(Creneau.objects.ouverts_pour(mdd, timezone.now() + datetime.timedelta(days=20))[:1])
    if len(choisis) > 10 and libres:
        convocations.convoquer(choisis[10], libres[0].pk, canaux=["sms"], par=agent)
    ctx.donnees["courriers"] = {"invitations": len(envoyees)}
