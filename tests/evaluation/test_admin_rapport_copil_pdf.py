"""The COPIL PDF: a cost per participant that cannot be computed (nothing paid) says so instead of «0,00 €»,
and the wide action table is printed on landscape pages with its names readable."""

import datetime
import io

import pytest
from pypdf import PdfReader

from evaluation.comites import pdf_du_comite, rapport
from tests.evaluation.factories import ComitePilotageFactory
from tests.parcours.factories import PrescriptionFactory
from tests.partenaires.factories import ActionFactory, VersementFactory

pytestmark = pytest.mark.django_db
DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
NOM_LONG = "Atelier collectif de remobilisation vers l'emploi et de levée des freins de mobilité en milieu rural"


@pytest.fixture
def action_sans_versement(thematiques):
    action = ActionFactory(intitule=NOM_LONG, places=12)
    for _ in range(3):
        PrescriptionFactory(
            action=action,
            etat="entree",
            date_proposition=datetime.date(2025, 3, 1),
            date_entree=datetime.date(2025, 3, 5),
        )
    return action


def _cout(contenu):
    return next(i for i in contenu["indicateurs"] if i.code == "cout_par_participant")


def test_sans_versement_le_cout_par_participant_est_non_disponible(action_sans_versement):
    contenu = rapport(DEBUT, FIN)
    assert _cout(contenu).valeur is None


def test_avec_un_versement_le_cout_par_participant_est_calcule(action_sans_versement):
    VersementFactory(financement=action_sans_versement.financement, date=datetime.date(2025, 4, 1))
    assert _cout(rapport(DEBUT, FIN)).valeur is not None


def test_le_pdf_imprime_non_disponible_et_le_tableau_des_actions_en_paysage(action_sans_versement):
    comite = ComitePilotageFactory(date=datetime.date(2026, 1, 20), periode_debut=DEBUT, periode_fin=FIN)
    lecteur = PdfReader(io.BytesIO(pdf_du_comite(comite)))
    textes = [page.extract_text() for page in lecteur.pages]
    tout = "\n".join(textes)
    ligne_cout = next(ligne for ligne in tout.splitlines() if "Coût par participant" in ligne)
    assert "non disponible" in ligne_cout and "0,00" not in ligne_cout
    page_actions = next(i for i, t in enumerate(textes) if "Actions en cours dans la période" in t)
    boite = lecteur.pages[page_actions].mediabox
    assert boite.width > boite.height  # landscape
    premiere = lecteur.pages[0].mediabox
    assert premiere.width < premiere.height  # the rest stays portrait
    # In its wider column, the long name keeps several words on a line (portrait cut it after one or two).
    assert any("Atelier collectif de remobilisation" in ligne for ligne in textes[page_actions].splitlines())
