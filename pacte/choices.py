"""Vocabulary shared by several apps (domain.md)."""

from django.db import models


class Milieu(models.TextChoices):
    URBAIN = "urbain", "Urbain"
    RURAL = "rural", "Rural"


class TypeSortie(models.TextChoices):
    EMPLOI_DURABLE = "emploi_durable", "Emploi durable (CDI, CDD de 6 mois et plus)"
    EMPLOI_TRANSITION = (
        "emploi_transition",
        "Emploi de transition (CDD de moins de 6 mois, intérim, contrat aidé)",
    )
    IAE = "iae", "Insertion par l'activité économique (IAE)"
    FORMATION = "formation", "Formation qualifiante"
    CREATION_ENTREPRISE = "creation_entreprise", "Création d'entreprise"
    FIN_DE_DROITS = "fin_de_droits", "Fin de droits (ressources)"
    DEMENAGEMENT = "demenagement", "Déménagement"
    AUTRE = "autre", "Autre"

    @classmethod
    def vers_emploi(cls):
        return [cls.EMPLOI_DURABLE, cls.EMPLOI_TRANSITION]
