"""Creating a beneficiary never makes a silent duplicate."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from parcours import personnes
from parcours.models import Beneficiaire, Parcours
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db


def identite(**champs):
    valeurs = {
        "organisme_payeur": "caf",
        "numero_allocataire": "1234567",
        "qualite": "demandeur",
        "nom": "Lefèvre",
        "prenom": "Hélène",
        "date_naissance": datetime.date(1985, 4, 12),
    }
    valeurs.update(champs)
    return personnes.IdentiteBeneficiaire(**valeurs)


def creer(mdd, agent, **kwargs):
    return personnes.creer_beneficiaire(
        kwargs.pop("identite", identite()),
        mdd=mdd,
        date_ouverture_droit=datetime.date(2025, 1, 1),
        date_entree=datetime.date(2025, 1, 15),
        par=agent,
        **kwargs,
    )


def test_creer_un_beneficiaire_ouvre_son_parcours():
    mdd = MDDFactory()
    parcours = creer(mdd, agent_mdd(mdd))
    assert parcours.mdd == mdd
    assert parcours.est_ouvert
    assert parcours.beneficiaire.nom_recherche == "lefevre helene"


def test_meme_nom_sans_accents_et_meme_naissance_montre_les_candidats_et_refuse():
    existant = BeneficiaireFactory(nom="LEFEVRE", prenom="helene", date_naissance=datetime.date(1985, 4, 12))
    mdd = MDDFactory()
    with pytest.raises(personnes.DoublonPossible) as erreur:
        creer(mdd, agent_mdd(mdd))
    assert erreur.value.candidats == [existant]
    assert Beneficiaire.objects.count() == 1
    assert Parcours.objects.count() == 0


def test_une_autre_personne_confirmee_est_enregistree():
    BeneficiaireFactory(nom="Lefevre", prenom="Helene", date_naissance=datetime.date(1985, 4, 12))
    mdd = MDDFactory()
    creer(mdd, agent_mdd(mdd), confirme_autre_personne=True)
    assert Beneficiaire.objects.count() == 2


def test_meme_numero_allocataire_et_meme_qualite_refuse_meme_confirme():
    existant = BeneficiaireFactory(numero_allocataire="1234567", qualite="demandeur", nom="Autre")
    mdd = MDDFactory()
    with pytest.raises(personnes.DoublonPossible) as erreur:
        creer(mdd, agent_mdd(mdd), confirme_autre_personne=True)
    assert erreur.value.candidats == [existant]
    assert Beneficiaire.objects.count() == 1


def test_le_conjoint_du_meme_foyer_n_est_pas_un_doublon():
    BeneficiaireFactory(numero_allocataire="1234567", qualite="demandeur", nom="Autre")
    mdd = MDDFactory()
    creer(mdd, agent_mdd(mdd), identite=identite(qualite="conjoint"))
    assert Beneficiaire.objects.count() == 2


def test_dates_d_ouverture_futures_refusees_sans_rien_ecrire():
    mdd = MDDFactory()
    with pytest.raises(ValidationError):
        personnes.creer_beneficiaire(
            identite(),
            mdd=mdd,
            date_ouverture_droit=datetime.date(2025, 1, 1),
            date_entree=datetime.date.today() + datetime.timedelta(days=5),
            par=agent_mdd(mdd),
        )
    assert Beneficiaire.objects.count() == 0


def test_un_second_parcours_ouvert_est_refuse():
    parcours = ParcoursFactory()
    with pytest.raises(ValidationError, match="déjà un parcours ouvert"):
        personnes.ouvrir_parcours(
            parcours.beneficiaire,
            mdd=parcours.mdd,
            date_ouverture_droit=datetime.date(2025, 1, 1),
            date_entree=datetime.date(2025, 2, 1),
            par=agent_mdd(parcours.mdd),
        )
    assert Parcours.objects.count() == 1


@pytest.mark.parametrize(
    "champs, champ_en_erreur",
    [
        ({"numero_allocataire": "١٢٣٤٥٦٧"}, "numero_allocataire"),  # Arabic-Indic digits: \d, not [0-9]
        ({"numero_allocataire": "１２３４５６７"}, "numero_allocataire"),  # full-width digits
        ({"date_naissance": datetime.date(1, 1, 1)}, "date_naissance"),
        ({"date_naissance": datetime.date(1899, 12, 31)}, "date_naissance"),
    ],
)
def test_une_identite_invraisemblable_est_refusee_sans_rien_ecrire(champs, champ_en_erreur):
    mdd = MDDFactory()
    with pytest.raises(ValidationError) as erreur:
        creer(mdd, agent_mdd(mdd), identite=identite(**champs))
    assert champ_en_erreur in erreur.value.message_dict
    assert (Beneficiaire.objects.count(), Parcours.objects.count()) == (0, 0)
