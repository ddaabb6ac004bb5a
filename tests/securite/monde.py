"""One small world where every URL of the app has an object to point at, and one user per role."""

import datetime

from droits.models import DossierEP
from pacte.models import Role
from tests.droits.factories import BaremeFactory, MembreEPFactory, SeanceEPFactory, manquement_informe
from tests.pacte.factories import MDDFactory, ThematiqueFactory, UserFactory
from tests.parcours.factories import ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import (
    ActionFactory,
    FinancementFactory,
    GroupeTravailFactory,
    PartenaireFactory,
    ResultatActionFactory,
)

ROLES = [
    "anonyme",
    Role.TRAVAILLEUR_SOCIAL.value,
    Role.RESPONSABLE_MDD.value,
    Role.CHARGE_ORIENTATION.value,
    Role.REFERENT_THEMATIQUE.value,
    Role.PARTENAIRE.value,
    Role.ADMINISTRATEUR.value,
]


def construire_monde():
    from evaluation.models import BilanAnnuel, ComitePilotage
    from pacte.models import ImportFichier, TacheDeFond
    from partenaires.models import ReunionGroupe

    mdd = MDDFactory()
    BaremeFactory()
    thematique = ThematiqueFactory()
    partenaire = PartenaireFactory()
    users = {
        Role.TRAVAILLEUR_SOCIAL.value: UserFactory(travailleur_social=True, mdds=[mdd]),
        Role.RESPONSABLE_MDD.value: UserFactory(responsable_mdd=True, mdds=[mdd]),
        Role.CHARGE_ORIENTATION.value: UserFactory(charge_orientation=True),
        Role.REFERENT_THEMATIQUE.value: UserFactory(referent_thematique=True, thematiques=[thematique]),
        Role.PARTENAIRE.value: UserFactory(partenaire_user=True, partenaire=partenaire),
        Role.ADMINISTRATEUR.value: UserFactory(administrateur=True),
    }
    action = ActionFactory(objectif__thematique=thematique, partenaire=partenaire)
    parcours = ParcoursFactory(mdd=mdd)  # not oriented: also in the chargé d'orientation's queue
    prescription = PrescriptionFactory(parcours=parcours, action=action, prescripteur=users["travailleur_social"])
    groupe = GroupeTravailFactory(thematique=thematique)
    reunion = ReunionGroupe.objects.create(groupe=groupe, date=datetime.date(2025, 5, 1), ordre_du_jour="Bilan")
    admin = users[Role.ADMINISTRATEUR.value]
    bilan = BilanAnnuel.objects.create(annee=2025, version=1, cree_par=admin)
    comite = ComitePilotage.objects.create(
        date=datetime.date(2025, 6, 15),
        periode_debut=datetime.date(2024, 6, 15),
        periode_fin=datetime.date(2025, 6, 14),
    )
    tache = TacheDeFond.objects.create(nature="export", libelle="Export", utilisateur=admin)
    import_fichier = ImportFichier.objects.create(
        nom_fichier="entrants.csv", empreinte="0" * 64, utilisateur=users[Role.CHARGE_ORIENTATION.value]
    )
    manquement = manquement_informe(parcours, users[Role.TRAVAILLEUR_SOCIAL.value])
    seance_ep = SeanceEPFactory(territoire=mdd.territoire)
    MembreEPFactory(seance=seance_ep, role="caf", utilisateur=users[Role.PARTENAIRE.value])
    dossier_ep = DossierEP.objects.create(seance=seance_ep, manquement=manquement)
    return {
        "users": users,
        "manquement": manquement,
        "seance_ep": seance_ep,
        "dossier_ep": dossier_ep,
        "mdd": mdd,
        "thematique": thematique,
        "partenaire": partenaire,
        "action": action,
        "parcours": parcours,
        "prescription": prescription,
        "resultat": ResultatActionFactory(action=action),
        "financement": FinancementFactory(partenaire=partenaire),
        "groupe": groupe,
        "reunion": reunion,
        "bilan": bilan,
        "comite": comite,
        "tache": tache,
        "import": import_fichier,
    }
