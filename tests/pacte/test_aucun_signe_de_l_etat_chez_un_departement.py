"""A département's instance («collectivite» operator) shows none of the State's signs: no DSFR asset (CSS, JS, icons,
favicon), no Marianne, no «République française», no Marianne font, in the served pages, in the CSS and files they
load, among the static files that would be served or collected, and in the PDFs. A State operator gets them all."""

import re
import zlib
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.core.management import call_command

from evaluation.pdf import html_du_pdf, rendre_pdf
from tests.pacte.factories import UserFactory

# The State's signs, as a page, a stylesheet or a PDF would name them.
SIGNES_DE_L_ETAT = re.compile(r"dsfr|marianne|r[ée]publique\s+fran[çc]aise|(?<![\w-])fr-[a-z]|bleu.france", re.I)
REFERENCES = re.compile(r'(?:href|src)="(/(?:static|marque)/[^"#?]+)"')
URL_CSS = re.compile(r"url\(\"?(/static/[^\")]+)")
PAGES_PAR_ROLE = {
    "travailleur_social": ["/", "/parcours/", "/partenaires/catalogue/"],
    "charge_orientation": ["/", "/parcours/a-orienter/"],
    "referent_thematique": ["/", "/evaluation/"],
    "administrateur": ["/", "/evaluation/", "/evaluation/bilans/", "/journal-acces/"],
}


def _signes(texte: str) -> list[str]:
    return sorted({m.group(0) for m in SIGNES_DE_L_ETAT.finditer(texte)})


def _contenu(client, adresse: str) -> bytes:
    reponse = client.get(adresse)
    assert reponse.status_code == 200, adresse
    return b"".join(reponse.streaming_content) if reponse.streaming else reponse.content


def _verifier_page_et_ce_qu_elle_charge(client, adresse, vus):
    html = _contenu(client, adresse).decode()
    assert _signes(html) == [], f"{adresse} : {_signes(html)}"
    for reference in REFERENCES.findall(html):
        if reference in vus:
            continue
        vus.add(reference)
        contenu = _contenu(client, reference)
        if reference.endswith((".css", ".js", ".svg")) or reference.startswith("/marque/"):
            texte = contenu.decode("utf-8", "replace")
            assert _signes(texte) == [], f"{reference} (chargé par {adresse}) : {_signes(texte)}"
            for sous_reference in URL_CSS.findall(texte):
                assert "marianne" not in sous_reference.lower(), sous_reference
                _contenu(client, sous_reference)


@pytest.mark.django_db
def test_aucune_page_d_un_departement_ni_ce_qu_elle_charge_ne_montre_un_signe_de_l_etat(
    client, referentiel_hv, operateur_collectivite
):
    vus = set()
    for adresse in ("/connexion/", "/accessibilite/"):
        _verifier_page_et_ce_qu_elle_charge(client, adresse, vus)
    for role, adresses in PAGES_PAR_ROLE.items():
        # A name of our own: faker may call the user Marianne, a first name and not the State's sign.
        client.force_login(UserFactory(first_name="Camille", last_name="Durand", **{role: True}))
        for adresse in adresses:
            _verifier_page_et_ce_qu_elle_charge(client, adresse, vus)
    # What the pages load: the foundation, the theme, the département's font and logo, and nothing of the State's.
    assert "/static/vendor/bootstrap/bootstrap.min.css" in vus
    assert any(v.startswith("/marque/logo-") for v in vus)


def _fichiers_de_dsfr() -> set[str]:
    dossier = Path(apps.get_app_config("dsfr").path) / "static"
    return {p.relative_to(dossier).as_posix() for p in dossier.rglob("*") if p.is_file()}


def _fichiers_trouves() -> set[str]:
    return {chemin for finder in finders.get_finders() for chemin, _ in finder.list([])}


def test_les_fichiers_statiques_d_un_departement_n_ont_rien_du_dsfr(operateur_collectivite):
    trouves = _fichiers_trouves()
    assert trouves and not (trouves & _fichiers_de_dsfr())
    assert not [f for f in trouves if "marianne" in f.lower()]
    assert finders.find("dsfr/dist/dsfr/dsfr.min.css") is None
    assert finders.find("dsfr/dist/fonts/Marianne-Regular.woff2") is None


@pytest.mark.django_db
def test_un_departement_ne_sert_pas_les_fichiers_du_dsfr_meme_demandes(client, operateur_collectivite):
    for adresse in ("/static/dsfr/dist/dsfr/dsfr.min.css", "/static/dsfr/dist/fonts/Marianne-Regular.woff2"):
        assert client.get(adresse).status_code in (302, 404), adresse


def test_collectstatic_d_un_departement_ne_copie_rien_du_dsfr(settings, tmp_path, operateur_collectivite):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    copies = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert "vendor/bootstrap/bootstrap.min.css" in copies
    assert not (copies & _fichiers_de_dsfr())
    assert not [f for f in copies if "marianne" in f.lower()]


def test_l_etat_sert_et_collecte_les_fichiers_du_dsfr(operateur_etat):
    assert finders.find("dsfr/dist/dsfr/dsfr.min.css") is not None
    assert _fichiers_de_dsfr() <= _fichiers_trouves()


def _textes_du_pdf(pdf: bytes) -> bytes:
    """The PDF and its decompressed streams (WeasyPrint compresses the font dictionaries in object streams)."""
    morceaux = [pdf]
    for flux in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            morceaux.append(zlib.decompress(flux))
        except zlib.error:
            continue
    return b"\n".join(morceaux)


GABARITS_PDF = {
    "evaluation/pdf/indicateurs.html": {"groupes": [], "debut": date(2025, 1, 1), "fin": date(2025, 12, 31)},
}


@pytest.mark.django_db
@pytest.mark.parametrize("gabarit", sorted(p.name for p in Path("evaluation/templates/evaluation/pdf").glob("*.html")))
def test_chaque_gabarit_pdf_porte_l_identite_du_departement_sans_signe_de_l_etat(
    gabarit, referentiel_hv, operateur_collectivite
):
    html = html_du_pdf(f"evaluation/pdf/{gabarit}", GABARITS_PDF.get(f"evaluation/pdf/{gabarit}", {"objet": "essai"}))
    assert _signes(html) == [], gabarit
    if "<html" in html:
        assert "#00587c" in html and "Atkinson Hyperlegible" in html, gabarit
    if gabarit in ("bandeau.html", "bilan.html", "comite.html", "indicateurs.html"):
        assert "data:image/svg+xml;base64," in html and "Département Haute-Vienne" in html, gabarit


@pytest.mark.django_db
def test_le_pdf_d_un_departement_embarque_sa_police_et_pas_la_marianne(referentiel_hv, operateur_collectivite):
    pdf = _textes_du_pdf(rendre_pdf("evaluation/pdf/indicateurs.html", GABARITS_PDF["evaluation/pdf/indicateurs.html"]))
    assert b"Atkinson-Hyperlegible" in pdf
    assert b"Marianne" not in pdf


@pytest.mark.django_db
def test_le_pdf_de_l_etat_porte_la_marianne_et_le_bleu_france(referentiel_hv, operateur_etat):
    html = html_du_pdf("evaluation/pdf/indicateurs.html", GABARITS_PDF["evaluation/pdf/indicateurs.html"])
    assert "#000091" in html and "République française" in html
    pdf = _textes_du_pdf(rendre_pdf("evaluation/pdf/indicateurs.html", GABARITS_PDF["evaluation/pdf/indicateurs.html"]))
    assert b"Marianne" in pdf
