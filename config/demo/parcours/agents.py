"""The demo's extra social workers and chargés d'orientation (nobody can log in with them)."""

from collections import defaultdict

from config.demo.comptes import DEMO_DOMAIN
from pacte.models import Role, User
from pacte.text import normaliser

from .commun import DEBUT, MOT_DE_PASSE_INUTILISABLE, _moment


def _agents(ctx, mdds):
    """A few extra social workers per MDD and two chargés d'orientation; no one can log in with them."""
    faker = ctx.faker
    prevus = []
    for mdd in mdds:
        nombre = 4 if mdd.code.startswith("LIM") else 2
        for _ in range(nombre):
            prenom, nom = faker.first_name(), faker.last_name()
            prevus.append((mdd, Role.TRAVAILLEUR_SOCIAL, prenom, nom))
    for _ in range(2):
        prevus.append((None, Role.CHARGE_ORIENTATION, faker.first_name(), faker.last_name()))
    emails = []
    for index, (_mdd, _role, prenom, nom) in enumerate(prevus):
        local = normaliser(f"{prenom} {nom}").replace(" ", ".")
        emails.append(f"{local}.{index}@{DEMO_DOMAIN}")
    existants = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    nouveaux = [
        User(
            email=email,
            first_name=prenom,
            last_name=nom,
            role=role,
            password=MOT_DE_PASSE_INUTILISABLE,
            date_joined=_moment(DEBUT, 9),
        )
        for email, (_mdd, role, prenom, nom) in zip(emails, prevus, strict=True)
        if email not in existants
    ]
    User.objects.bulk_create(nouveaux)
    par_email = User.objects.in_bulk(emails, field_name="email")
    Lien = User.mdds.through
    Lien.objects.bulk_create(
        [
            Lien(user_id=par_email[email].pk, mdd_id=mdd.pk)
            for email, (mdd, *_r) in zip(emails, prevus, strict=True)
            if mdd
        ],
        ignore_conflicts=True,
    )
    referents = defaultdict(list)
    charges = []
    for email, (mdd, role, *_r) in zip(emails, prevus, strict=True):
        if role == Role.CHARGE_ORIENTATION:
            charges.append(par_email[email])
        else:
            referents[mdd.pk].append(par_email[email])
    for cle in ("travailleur_social", "responsable_mdd"):
        compte = ctx.comptes.get(cle)
        if compte is not None:
            for mdd in compte.mdds.all():
                # The demo account follows many people: its pages show every situation.
                referents[mdd.pk] = [compte] * (3 if cle == "travailleur_social" else 1) + referents[mdd.pk]
    if ctx.comptes.get("charge_orientation") is not None:
        charges.insert(0, ctx.comptes["charge_orientation"])
    return referents, charges
