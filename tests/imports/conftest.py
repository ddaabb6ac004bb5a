import datetime

import pytest

from tests.pacte.factories import CommuneFactory, MDDFactory, PacteFactory, UserFactory

EN_TETE = "ORGANISME;NUMDEMRSA;NOMNAI;PRENOM;DTNAI;CODE_INSEE;DTOUVDRT;QUALITE;SEXE"


def ligne(
    numero="1234567",
    nom="MARTIN",
    prenom="Claire",
    dtnai="14/03/1985",
    insee="87085",
    dtouv="01/10/2025",
    qualite="DEM",
    organisme="CAF",
    sexe="F",
):
    return ";".join([organisme, numero, nom, prenom, dtnai, insee, dtouv, qualite, sexe])


def fichier_csv(*lignes, en_tete=EN_TETE, encodage="utf-8", separateur=";", erreurs="strict") -> bytes:
    texte = "\n".join([en_tete, *lignes]) + "\n"
    if separateur != ";":
        texte = texte.replace(";", separateur)
    return texte.encode(encodage, erreurs)


@pytest.fixture
def aujourdhui():
    return datetime.date(2025, 11, 15)


@pytest.fixture
def referentiel(db):
    PacteFactory()
    mdd_limoges = MDDFactory(nom="MDD Limoges Les Carmes")
    mdd_chalus = MDDFactory(nom="MDD Châlus")
    return {
        "mdd_limoges": mdd_limoges,
        "mdd_chalus": mdd_chalus,
        "limoges": CommuneFactory(code_insee="87085", nom="Limoges", mdd=mdd_limoges),
        "chalus": CommuneFactory(code_insee="87032", nom="Châlus", mdd=mdd_chalus),
    }


@pytest.fixture
def charge_orientation(db):
    return UserFactory(charge_orientation=True)
