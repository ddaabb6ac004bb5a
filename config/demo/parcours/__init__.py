"""Demo pathways: beneficiaries spread over the 27 MDD, several years of events, every situation of the pages.

Called by `manage.py generer_demo` after config.demo.partenaires.generer (its actions receive prescriptions).
Deterministic: only ctx.rng, ctx.faker and ctx.aujourdhui. Everything is written with bulk_create; the
timestamps (created_at, transition dates) are set to the simulated dates, not to the generation time.
"""

from collections import Counter, defaultdict

from pacte.models import MDD, Commune
from parcours.models import Prescription
from partenaires.models import Action

from .agents import _agents
from .ecriture import EcritureMixin
from .evenements import EvenementsMixin
from .personnes import PersonnesMixin
from .prescriptions import PrescriptionsMixin


class _Generateur(PersonnesMixin, EvenementsMixin, PrescriptionsMixin, EcritureMixin):
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng
        self.jour = ctx.aujourdhui
        self.mdds = list(MDD.objects.order_by("code"))
        self.communes = defaultdict(list)
        for commune in Commune.objects.order_by("code_insee"):
            self.communes[commune.mdd_id].append(commune)
        self.referents, self.charges = _agents(ctx, self.mdds)
        self.rows = defaultdict(list)
        self.transitions = []
        self.actions = list(Action.objects.exclude(statut="en_preparation").order_by("pk"))
        self.entrees_par_action = Counter()


def generer(ctx):
    """Create ctx.nb_beneficiaires beneficiaries and their pathways from 2021 to ctx.aujourdhui."""
    generateur = _Generateur(ctx)
    personnes = generateur.beneficiaires()
    for mdd, beneficiaire in personnes:
        generateur.parcours(mdd, beneficiaire)
    generateur.ecrire()
    ctx.donnees["parcours"] = {
        "beneficiaires": len(personnes),
        "prescriptions": len(generateur.rows[Prescription]),
        "referents": {mdd_pk: [u.pk for u in users] for mdd_pk, users in generateur.referents.items()},
    }
