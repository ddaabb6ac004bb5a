import datetime

import factory
from factory.django import DjangoModelFactory
from factory.fuzzy import FuzzyChoice

from parcours.choices import EtatPrescription, TypeOrientation
from parcours.models import (
    Beneficiaire,
    ChangementReferent,
    ContratEngagement,
    Frein,
    Note,
    Orientation,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
    Transfert,
)
from tests.pacte.factories import MDDFactory, UserFactory


class BeneficiaireFactory(DjangoModelFactory):
    class Meta:
        model = Beneficiaire

    numero_allocataire = factory.Sequence(lambda n: f"{1000000 + n:07d}")
    nom = factory.Faker("last_name", locale="fr_FR")
    prenom = factory.Faker("first_name", locale="fr_FR")
    date_naissance = factory.Faker("date_of_birth", minimum_age=18, maximum_age=64)
    sexe = FuzzyChoice(["F", "M"])


class ParcoursFactory(DjangoModelFactory):
    class Meta:
        model = Parcours
        skip_postgeneration_save = True

    beneficiaire = factory.SubFactory(BeneficiaireFactory)
    mdd = factory.SubFactory(MDDFactory)
    date_ouverture_droit = datetime.date(2025, 1, 15)
    date_entree = datetime.date(2025, 2, 1)

    class Params:
        # A parcours already oriented (sociale, by the département): most MDD situations.
        oriente = factory.Trait(
            orientation=factory.RelatedFactory("tests.parcours.factories.OrientationFactory", "parcours")
        )


class OrientationFactory(DjangoModelFactory):
    class Meta:
        model = Orientation
        skip_postgeneration_save = True

    parcours = factory.SubFactory(ParcoursFactory)
    type = TypeOrientation.SOCIALE
    organisme_referent = "departement"
    date_decision = datetime.date(2025, 2, 20)
    decidee_par = factory.SubFactory(UserFactory, charge_orientation=True)

    @factory.post_generation
    def devient_courante(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Parcours.objects.filter(pk=self.parcours_id).update(orientation_courante=self)
            self.parcours.orientation_courante = self


class ContratEngagementFactory(DjangoModelFactory):
    class Meta:
        model = ContratEngagement

    parcours = factory.SubFactory(ParcoursFactory)
    date_debut = datetime.date(2025, 3, 1)
    date_fin = datetime.date(2025, 12, 31)
    objectifs = "Retrouver un emploi dans la restauration."
    heures_hebdomadaires = 15
    etat = "signe"
    date_signature = datetime.date(2025, 3, 1)


class FreinFactory(DjangoModelFactory):
    class Meta:
        model = Frein

    parcours = factory.SubFactory(ParcoursFactory)
    categorie = "mobilite"
    date_identification = datetime.date(2025, 2, 20)


class RendezVousFactory(DjangoModelFactory):
    class Meta:
        model = RendezVous

    parcours = factory.SubFactory(ParcoursFactory)
    date = factory.LazyFunction(lambda: datetime.datetime(2025, 3, 10, 10, 0, tzinfo=datetime.UTC))
    nature = "individuel"
    presence = "present"


class NoteFactory(DjangoModelFactory):
    class Meta:
        model = Note

    parcours = factory.SubFactory(ParcoursFactory)
    date = datetime.date(2025, 3, 10)
    texte = "Premier entretien."


class PrescriptionFactory(DjangoModelFactory):
    class Meta:
        model = Prescription

    parcours = factory.SubFactory(ParcoursFactory)
    action = factory.SubFactory("tests.partenaires.factories.ActionFactory")
    prescripteur = factory.SubFactory(UserFactory)
    etat = EtatPrescription.PROPOSEE
    date_proposition = datetime.date(2025, 4, 1)


class ChangementReferentFactory(DjangoModelFactory):
    class Meta:
        model = ChangementReferent

    parcours = factory.SubFactory(ParcoursFactory)
    nouveau = factory.SubFactory(UserFactory)
    date = datetime.date(2025, 3, 1)


class SortieFactory(DjangoModelFactory):
    class Meta:
        model = Sortie

    parcours = factory.SubFactory(ParcoursFactory)
    date = datetime.date(2025, 9, 1)
    type = "emploi_durable"


class TransfertFactory(DjangoModelFactory):
    class Meta:
        model = Transfert

    parcours = factory.SubFactory(ParcoursFactory)
    date = datetime.date(2025, 6, 1)
    mdd_origine = factory.SelfAttribute("parcours.mdd")
    mdd_destination = factory.SubFactory(MDDFactory)


def agent_mdd(mdd, **kwargs):
    """A travailleur social of this MDD (the référent de parcours)."""
    return UserFactory(travailleur_social=True, mdds=[mdd], **kwargs)
