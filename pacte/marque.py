"""The identity the pages and PDFs show: the operator's, and for a «collectivite» operator the département's own.

The référentiel's «marque» rubrique names the département's logo file, its two colours and, if it wants one, a
font shipped with the application under a free licence (POLICES). lire_marque() checks it when the référentiel is
loaded, in French, line by line, like the rest of the file: colours that a text on white, or white text on them,
would read below the RGAA's AA contrast (4.5:1) are refused. identite() is what a page or a PDF reads: the current
pact's département, its brand (a cached read, forgotten when a brand is saved) and the operator's settings.
"""

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from pacte.courant import pacte_courant
from pacte.models import Marque

CLE_MARQUE = "pacte:marque"
FRAICHEUR_MARQUE = 60
COULEUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
CONTRASTE_AA = 4.5
BLANC = "#ffffff"
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
LOGO_TAILLE_MAX = 200 * 1024
# A brand without colours yet (a référentiel without «marque»): sober and well above AA on white.
COULEURS_PAR_DEFAUT = ("#1f4e79", "#5b3a6b")
# The State's own colour, for the PDFs of an «etat» operator (the DSFR's «bleu France»).
BLEU_FRANCE = "#000091"


@dataclass(frozen=True)
class Police:
    famille: str
    fichiers: str  # static path of the files, without «-<poids>-<style>.<format>»
    variantes: tuple = (("400", "normal"), ("700", "normal"), ("400", "italic"))
    # Marianne's files are named «-Regular», «-Bold»; Fontsource's «-400-normal», «-700-normal».
    noms: dict | None = None

    def fichier(self, poids: str, style: str, format_: str) -> str:
        suffixe = self.noms[poids] if self.noms else f"{poids}-{style}"
        return f"{self.fichiers}-{suffixe}.{format_}"


# The State's font, for the PDFs of an «etat» operator only: django-dsfr's files (not served to a «collectivite» one).
MARIANNE = Police(
    "Marianne", "dsfr/dist/fonts/Marianne", (("400", "normal"), ("700", "normal")), {"400": "Regular", "700": "Bold"}
)

# Fonts shipped under static/vendor/ with their licence (static/vendor/README.md). A référentiel names one by key.
POLICES = {
    "atkinson-hyperlegible": Police(
        "Atkinson Hyperlegible", "vendor/atkinson-hyperlegible/atkinson-hyperlegible-latin"
    ),
}


def luminance(couleur: str) -> float:
    """Relative luminance (WCAG 2.x) of «#rrggbb»."""
    canaux = [int(couleur[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in canaux)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contraste(premiere: str, seconde: str) -> float:
    claire, sombre = sorted((luminance(premiere), luminance(seconde)), reverse=True)
    return (claire + 0.05) / (sombre + 0.05)


def _virgule(nombre: float) -> str:
    return f"{nombre:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _lire_couleur(v, bloc, cle, ligne) -> str:
    couleur = v.texte(bloc, cle, ligne, max_length=7)
    ligne = v.ligne_de(bloc, cle, ligne)
    if couleur and not COULEUR_RE.match(couleur):
        v.erreur(ligne, f"la couleur « {cle} » vaut « {couleur} » : format attendu #rrvvbb (ex. #1f4e79).")
        return ""
    if couleur and (ratio := contraste(couleur, BLANC)) < CONTRASTE_AA:
        v.erreur(
            ligne,
            f"la couleur « {cle} » ({couleur}) n'a qu'un contraste de {_virgule(ratio)}:1 avec le blanc (texte blanc "
            f"sur la couleur, ou texte de la couleur sur fond blanc) ; il faut au moins {_virgule(CONTRASTE_AA)}:1 "
            "(RGAA, critère 3.2, niveau AA) : choisissez une teinte plus foncée.",
        )
        return ""
    return couleur.lower()


def _lire_logo(v, bloc, ligne, dossier: Path | None) -> tuple[str, str]:
    nom = v.texte(bloc, "logo", ligne, max_length=200)
    ligne = v.ligne_de(bloc, "logo", ligne)
    if not nom:
        return "", ""
    # Without a folder (a référentiel given as text), the application's own référentiel folder.
    chemin = (dossier or Path(settings.BASE_DIR) / "referentiel") / nom
    type_ = LOGO_TYPES.get(chemin.suffix.lower())
    if type_ is None:
        v.erreur(ligne, f"le logo « {nom} » doit être un fichier SVG ou PNG.")
        return "", ""
    if not chemin.is_file():
        v.erreur(ligne, f"le logo « {nom} » est introuvable (chemin relatif au fichier du référentiel).")
        return "", ""
    contenu = chemin.read_bytes()
    if len(contenu) > LOGO_TAILLE_MAX:
        v.erreur(ligne, f"le logo « {nom} » pèse plus de {LOGO_TAILLE_MAX // 1024} Ko.")
        return "", ""
    if type_ == "image/svg+xml" and (b"<svg" not in contenu or re.search(rb"<script|\son\w+\s*=", contenu, re.I)):
        v.erreur(ligne, f"le logo « {nom} » n'est pas un SVG simple (balise <svg>, ni script ni attribut on…).")
        return "", ""
    return type_, base64.b64encode(contenu).decode("ascii")


def lire_marque(v, data: dict, dossier: Path | None) -> dict | None:
    """The «marque» rubrique, checked; None when the référentiel has none (the default colours then apply)."""
    bloc = data.get("marque")
    if bloc is None:
        return None
    if not isinstance(bloc, dict):
        v.erreur(data["__ligne__"], "la rubrique « marque » doit être une fiche (logo, couleurs, police).")
        return None
    ligne = bloc["__ligne__"]
    police = v.texte(bloc, "police", ligne, obligatoire=False, max_length=40)
    if police and police not in POLICES:
        v.erreur(
            v.ligne_de(bloc, "police", ligne),
            f"la police « {police} » n'est pas livrée avec l'application : polices disponibles : "
            f"{', '.join(sorted(POLICES))}.",
        )
    logo_type, logo_base64 = _lire_logo(v, bloc, ligne, dossier)
    return {
        "couleur_primaire": _lire_couleur(v, bloc, "couleur_primaire", ligne),
        "couleur_secondaire": _lire_couleur(v, bloc, "couleur_secondaire", ligne),
        "police": police,
        "logo_type": logo_type,
        "logo_base64": logo_base64,
    }


@dataclass(frozen=True)
class Identite:
    operateur: str
    nom_service: str
    nom_departement: str
    couleur_primaire: str
    couleur_secondaire: str
    police: Police | None
    logo_type: str
    logo_base64: str

    @property
    def etat(self) -> bool:
        return self.operateur == "etat"

    @property
    def empreinte(self) -> str:
        return hashlib.sha256(self.logo_base64.encode()).hexdigest()[:16] if self.logo_base64 else ""

    @property
    def logo_url(self) -> str:
        return reverse("logo", args=[self.empreinte]) if self.logo_base64 else ""

    @property
    def couleur_primaire_rgb(self) -> str:
        """«0, 88, 124»: Bootstrap composes its link and focus colours from the channels."""
        return ", ".join(str(int(self.couleur_primaire[i : i + 2], 16)) for i in (1, 3, 5))

    @property
    def logo_data_uri(self) -> str:
        """The logo inside a PDF (WeasyPrint reads no URL: no network, no server)."""
        return f"data:{self.logo_type};base64,{self.logo_base64}" if self.logo_base64 else ""

    @property
    def couleur_des_documents(self) -> str:
        return BLEU_FRANCE if self.etat else self.couleur_primaire

    @property
    def police_des_documents(self) -> Police | None:
        return MARIANNE if self.etat else self.police

    def faces_des_documents(self) -> list[dict]:
        """@font-face of the PDFs: WeasyPrint reads the font files from disk (file:// addresses), in WOFF."""
        police = self.police_des_documents
        if police is None:
            return []
        faces = []
        for poids, style in police.variantes:
            chemin = finders.find(police.fichier(poids, style, "woff"))
            if chemin:
                faces.append({"famille": police.famille, "poids": poids, "style": style, "url": Path(chemin).as_uri()})
        return faces


def marque_courante(code_departement: str) -> Marque | None:
    cache = caches["default"]
    en_cache = cache.get(CLE_MARQUE)
    if en_cache is None or en_cache[0] != code_departement:
        en_cache = (code_departement, Marque.objects.filter(departement_code=code_departement).first())
        cache.set(CLE_MARQUE, en_cache, FRAICHEUR_MARQUE)
    return en_cache[1]


def identite() -> Identite:
    pacte = pacte_courant()
    marque = marque_courante(pacte.departement_code) if pacte else None
    primaire, secondaire = (marque.couleur_primaire, marque.couleur_secondaire) if marque else COULEURS_PAR_DEFAUT
    return Identite(
        operateur=settings.PACTE_OPERATEUR,
        nom_service=settings.PACTE_NOM_SERVICE,
        nom_departement=pacte.departement_nom if pacte else "",
        couleur_primaire=primaire,
        couleur_secondaire=secondaire,
        police=POLICES.get(marque.police) if marque else None,
        logo_type=marque.logo_type if marque else "",
        logo_base64=marque.logo_base64 if marque else "",
    )


def _oublier_marque(sender, **kwargs):
    caches["default"].delete(CLE_MARQUE)


def brancher():
    post_save.connect(_oublier_marque, sender=Marque, dispatch_uid="marque_save")
    post_delete.connect(_oublier_marque, sender=Marque, dispatch_uid="marque_delete")
