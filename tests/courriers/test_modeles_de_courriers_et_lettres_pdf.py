"""Letter templates: a limited placeholder language, versions that sent letters keep, preview, PDF for a window
envelope, merged in bulk."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from weasyprint import HTML

from courriers import gabarits, lettres, modeles
from courriers.models import ModeleCourrier, VersionModele
from pacte.models import JournalAcces
from tests.pacte.factories import PacteFactory, UserFactory

pytestmark = pytest.mark.django_db
MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels


@pytest.fixture
def modele_invitation():
    PacteFactory()
    modeles.installer_modeles_par_defaut("87")
    return ModeleCourrier.objects.get(departement_code="87", nature="invitation")


def test_un_champ_inconnu_est_refuse_en_francais_et_rien_n_est_enregistre(modele_invitation):
    with pytest.raises(ValidationError) as erreur:
        modeles.enregistrer_version(modele_invitation, objet="Bonjour", corps="Cher {{ personne.nir }}")
    assert "champ inconnu : {{ personne.nir }}" in str(erreur.value)
    assert modele_invitation.versions.count() == 1


@pytest.mark.parametrize(
    "texte", ["{% load static %}", "{{ personne.nom }", "{{ settings.SECRET_KEY }}", "{{ personne.__class__ }}"]
)
def test_le_texte_de_l_administrateur_n_est_jamais_execute_comme_un_gabarit(texte):
    with pytest.raises(ValidationError):
        gabarits.verifier(texte)


def test_les_valeurs_sont_echappees_dans_le_courrier():
    html = gabarits.en_html(gabarits.remplir("Bonjour {{ personne.nom }}\n\nFin", {"personne.nom": "<b>X</b>"}))
    assert html == "<p>Bonjour &lt;b&gt;X&lt;/b&gt;</p><p>Fin</p>"


def test_une_nouvelle_version_devient_courante_et_l_ancienne_ne_change_plus(modele_invitation):
    ancienne = modele_invitation.version_courante
    nouvelle = modeles.enregistrer_version(modele_invitation, objet="Nouvel objet", corps="{{ lien }}")
    modele_invitation.refresh_from_db()
    assert modele_invitation.version_courante == nouvelle and nouvelle.numero == 2
    ancienne.objet = "modifiée"
    with pytest.raises(ValidationError):
        ancienne.save()
    assert VersionModele.objects.get(pk=ancienne.pk).objet != "modifiée"


def test_la_convocation_par_defaut_porte_les_mentions_de_la_loi():
    PacteFactory()
    modeles.installer_modeles_par_defaut("87")
    corps = ModeleCourrier.objects.get(nature="convocation").version_courante.corps
    for mention in ("L. 262-37", "sans motif légitime", "présenter vos observations", "personne de votre choix"):
        assert mention in corps


def _lettre(**kwargs):
    valeurs = {
        "expediteur": ["Département Haute-Vienne", "MDD des Carmes"],
        "destinataire": ["Madame Claire MARTIN", "3 rue des Lilas", "87000 LIMOGES"],
        "date": "2 décembre 2026",
        "objet": "Votre rendez-vous",
        "corps": "Madame,\n\nTexte.",
    }
    return lettres.Lettre(**{**valeurs, **kwargs})


def _boite(boite, classe):
    if classe in (getattr(boite, "element", None) is not None and boite.element.get("class") or "").split():
        return boite
    for enfant in getattr(boite, "children", []):
        trouvee = _boite(enfant, classe)
        if trouvee is not None:
            return trouvee
    return None


def test_l_adresse_tombe_dans_la_fenetre_d_une_enveloppe_dl():
    document = HTML(string=lettres._html([_lettre()])).render()
    adresse = _boite(document.pages[0]._page_box, "adresse")
    assert 99 <= adresse.position_x / MM <= 101
    assert 44 <= adresse.position_y / MM <= 50
    assert adresse.width / MM <= 95  # fits the 100 mm window


def test_les_lettres_fusionnees_font_un_pdf_d_une_page_par_lettre():
    vus = []
    contenu = lettres.pdf_fusionne([_lettre() for _ in range(3)], avancer=lambda fait, total: vus.append(fait))
    assert contenu.startswith(b"%PDF") and vus == [3]
    assert len(HTML(string=lettres._html([_lettre() for _ in range(3)])).render().pages) == 3


def test_la_fusion_se_fait_par_passes_et_garde_toutes_les_pages(monkeypatch):
    monkeypatch.setattr(lettres, "LETTRES_PAR_PASSE", 2)
    vus = []
    assert lettres.pdf_fusionne([_lettre() for _ in range(5)], avancer=lambda f, t: vus.append(f)).startswith(b"%PDF")
    assert vus == [2, 4, 5]


def test_l_administrateur_modifie_et_previsualise_sur_un_vrai_parcours(client, modele_invitation, parcours):
    admin = UserFactory(role="administrateur")
    client.force_login(admin)
    url = reverse("courriers:modele", args=[modele_invitation.pk])
    reponse = client.post(url, {"objet": "Invitation", "corps": "Bonjour {{ personne.inconnu }}", "texte_sms": ""})
    assert reponse.status_code == 400 and "champ inconnu" in reponse.content.decode()
    assert modele_invitation.versions.count() == 1
    client.post(url, {"objet": "Invitation", "corps": "Bonjour {{ personne.prenom }} {{ personne.nom }}"})
    apercu = client.get(reverse("courriers:apercu", args=[modele_invitation.pk]), {"parcours": parcours.pk})
    assert "Bonjour Claire MARTIN" in apercu.content.decode()
    assert JournalAcces.objects.filter(utilisateur=admin, objet_id=parcours.pk).exists()
    pdf = client.get(
        reverse("courriers:apercu", args=[modele_invitation.pk]), {"parcours": parcours.pk, "format": "pdf"}
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_un_agent_ne_modifie_pas_les_modeles(client, agent, modele_invitation):
    client.force_login(agent)
    assert client.get(reverse("courriers:modele", args=[modele_invitation.pk])).status_code == 404
