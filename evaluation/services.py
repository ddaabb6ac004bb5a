"""Business actions on bilans annuels: the state machine, the narratives, approval and versions."""

import datetime
import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evaluation.bilans import appliquer_transition, journaliser_creation
from evaluation.indicateurs import (
    Filtres,
    calculer_indicateurs,
    fiches_en_json,
    valeur_depuis_json,
    ventiler,
    ventiler_tout,
)
from evaluation.models import (
    MESSAGE_FIGE,
    BilanAnnuel,
    BilanApprouveError,
    EtatBilan,
    NarratifThematique,
)
from evaluation.pdf import pdf_du_bilan
from pacte.models import Pacte, Thematique


def _exiger_administrateur(user):
    if not user.est_administrateur:
        raise ValidationError("Seul un administrateur peut faire cette opération sur un bilan annuel.")


def periode_de(annee: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(annee, 1, 1), datetime.date(annee, 12, 31)


def thematiques_de(annee: int):
    debut, fin = periode_de(annee)
    pacte = (
        Pacte.objects.filter(date_debut__lte=fin, date_fin__gte=debut).order_by("-date_debut").first()
        or Pacte.courant()
    )
    return Thematique.objects.filter(pacte=pacte).order_by("numero")


def creer_bilan(annee: int, par) -> BilanAnnuel:
    _exiger_administrateur(par)
    if BilanAnnuel.objects.filter(annee=annee).exists():
        raise ValidationError(
            {"annee": f"Un bilan {annee} existe déjà : ouvrez-le, ou créez une nouvelle version du bilan approuvé."}
        )
    with transaction.atomic():
        bilan = BilanAnnuel.objects.create(annee=annee, version=1, cree_par=par)
        journaliser_creation(bilan, par)
    return bilan


def peut_ecrire_narratif(user, bilan: BilanAnnuel, thematique: Thematique) -> bool:
    if bilan.etat != EtatBilan.BROUILLON or not user.is_active:
        return False
    if user.est_administrateur:
        return True
    return user.est_referent_thematique and user.thematiques.filter(pk=thematique.pk).exists()


def ecrire_narratif(bilan: BilanAnnuel, thematique: Thematique, avancees: str, difficultes: str, par):
    if bilan.est_fige:
        raise BilanApprouveError(MESSAGE_FIGE)
    if bilan.etat != EtatBilan.BROUILLON:
        raise ValidationError("Le bilan est soumis : les textes ne peuvent plus être modifiés.")
    if not peut_ecrire_narratif(par, bilan, thematique):
        raise ValidationError("Vous ne pouvez écrire que le bilan des thématiques dont vous êtes référent.")
    erreurs = {}
    if not (avancees or "").strip():
        erreurs["avancees"] = "Décrivez les avancées de la thématique."
    if not (difficultes or "").strip():
        erreurs["difficultes"] = "Décrivez les difficultés de la thématique."
    if erreurs:
        raise ValidationError(erreurs)
    narratif, _ = NarratifThematique.objects.update_or_create(
        bilan=bilan, thematique=thematique, defaults={"avancees": avancees.strip(), "difficultes": difficultes.strip()}
    )
    return narratif


def thematiques_sans_narratif(bilan: BilanAnnuel):
    return thematiques_de(bilan.annee).exclude(narratifs__bilan=bilan)


def verifier_date_de_soumission(bilan: BilanAnnuel, date_soumission: datetime.date) -> None:
    """The real date the bilan went to the assembly: today or earlier (a paper submission recorded later),
    never in the future, never before its year began (a year's bilan cannot go to the assembly before the year)."""
    if date_soumission is None:
        raise ValidationError({"date_soumission": "Indiquez la date de soumission à l'assemblée."})
    if date_soumission > timezone.localdate():
        raise ValidationError({"date_soumission": "La date de soumission ne peut pas être dans le futur."})
    debut, _ = periode_de(bilan.annee)
    if date_soumission < debut:
        raise ValidationError(
            {"date_soumission": f"Un bilan {bilan.annee} ne peut pas être soumis avant le {debut:%d/%m/%Y}."}
        )


def soumettre(bilan: BilanAnnuel, par, date_soumission: datetime.date | None = None) -> BilanAnnuel:
    _exiger_administrateur(par)
    date_soumission = date_soumission or timezone.localdate()
    verifier_date_de_soumission(bilan, date_soumission)
    return appliquer_transition(bilan, EtatBilan.SOUMIS, par, soumis_le=timezone.now(), date_soumission=date_soumission)


def renvoyer_en_brouillon(bilan: BilanAnnuel, par) -> BilanAnnuel:
    _exiger_administrateur(par)
    return appliquer_transition(bilan, EtatBilan.BROUILLON, par, soumis_le=None, date_soumission=None)


def verifier_approbation(bilan: BilanAnnuel, par, date_deliberation, numero_deliberation):
    """Every rule of approval, checked before anything is written (the form shows the messages)."""
    _exiger_administrateur(par)
    if bilan.est_fige:
        raise BilanApprouveError(MESSAGE_FIGE)
    if bilan.etat != EtatBilan.SOUMIS:
        raise ValidationError("Seul un bilan soumis peut être approuvé.")
    erreurs = {}
    manquantes = list(thematiques_sans_narratif(bilan))
    if manquantes:
        erreurs["__all__"] = (
            "Le bilan des thématiques suivantes manque : " + ", ".join(str(t) for t in manquantes) + "."
        )
    if date_deliberation is None:
        erreurs["date_deliberation"] = "Indiquez la date de la délibération."
    elif bilan.date_de_soumission and date_deliberation < bilan.date_de_soumission:
        # The order rule holds between the two real dates, not the day the submission was typed in.
        erreurs["date_deliberation"] = (
            f"La délibération ne peut pas précéder la soumission du bilan ({bilan.date_de_soumission:%d/%m/%Y})."
        )
    if not (numero_deliberation or "").strip():
        erreurs["numero_deliberation"] = "Indiquez le numéro de la délibération."
    if erreurs:
        raise ValidationError(erreurs)


def _en_json(valeur):
    if isinstance(valeur, Decimal):
        return str(valeur)
    return valeur


def calculer_chiffres(annee: int) -> dict:
    debut, fin = periode_de(annee)
    ventilations = ventiler_tout(debut, fin)
    return {
        "periode": {"debut": debut.isoformat(), "fin": fin.isoformat()},
        "indicateurs": {code: ind.en_json() for code, ind in calculer_indicateurs(debut, fin).items()},
        # The definitions in force when the figures were computed: frozen with them at approval.
        "fiches": {f["code"]: f for f in fiches_en_json()},
        "ventilations": {
            axe: [{k: _en_json(v) for k, v in ligne.items()} for ligne in lignes]
            for axe, lignes in ventilations.items()
        },
    }


def instantane_de(bilan: BilanAnnuel) -> dict:
    chiffres = calculer_chiffres(bilan.annee)
    chiffres["narratifs"] = [
        {"thematique": str(n.thematique), "avancees": n.avancees, "difficultes": n.difficultes}
        for n in bilan.narratifs.select_related("thematique").order_by("thematique__numero")
    ]
    chiffres["calcule_le"] = timezone.now().isoformat()
    return chiffres


def approuver(bilan: BilanAnnuel, par, date_deliberation, numero_deliberation) -> BilanAnnuel:
    """Freeze the figures and texts, render the PDF, store its SHA-256: all or nothing."""
    verifier_approbation(bilan, par, date_deliberation, numero_deliberation)
    with transaction.atomic():
        instantane = instantane_de(bilan)
        pdf = pdf_du_bilan(bilan, instantane, date_deliberation, numero_deliberation.strip())
        return appliquer_transition(
            bilan,
            EtatBilan.APPROUVE,
            par,
            instantane=instantane,
            pdf=pdf,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            date_deliberation=date_deliberation,
            numero_deliberation=numero_deliberation.strip(),
            approuve_le=timezone.now(),
        )


def nouvelle_version(bilan: BilanAnnuel, par) -> BilanAnnuel:
    """A correction of an approved bilan: a new draft linked to it, starting from its texts."""
    _exiger_administrateur(par)
    if not bilan.est_fige:
        raise ValidationError("Seul un bilan approuvé peut faire l'objet d'une nouvelle version.")
    if BilanAnnuel.objects.filter(annee=bilan.annee).exclude(etat=EtatBilan.APPROUVE).exists():
        raise ValidationError("Une nouvelle version de ce bilan est déjà en préparation.")
    derniere = BilanAnnuel.objects.filter(annee=bilan.annee).order_by("-version").values_list("version", flat=True)[0]
    with transaction.atomic():
        nouveau = BilanAnnuel.objects.create(annee=bilan.annee, version=derniere + 1, precedent=bilan, cree_par=par)
        NarratifThematique.objects.bulk_create(
            [
                NarratifThematique(
                    bilan=nouveau, thematique_id=n.thematique_id, avancees=n.avancees, difficultes=n.difficultes
                )
                for n in bilan.narratifs.all()
            ]
        )
        journaliser_creation(nouveau, par)
    return nouveau


def chiffres_du_bilan(bilan: BilanAnnuel) -> dict:
    """The frozen figures of an approved bilan; the live ones of a draft."""
    if bilan.est_fige:
        return bilan.instantane
    return calculer_chiffres(bilan.annee)


def _lignes_comparees(chiffres_a: dict, chiffres_b: dict) -> list[dict]:
    """Figure by figure: value in a, value in b, the difference when both are numbers, and whether the fiche moved."""
    a, b = chiffres_a["indicateurs"], chiffres_b["indicateurs"]
    fiches_a, fiches_b = chiffres_a.get("fiches", {}), chiffres_b.get("fiches", {})
    tous = dict(a)
    for code, ind in b.items():
        tous.setdefault(code, ind)
    lignes = []
    for code, ind in tous.items():
        va = valeur_depuis_json(a.get(code, {}).get("valeur"))
        vb = valeur_depuis_json(b.get(code, {}).get("valeur"))
        lignes.append(
            {
                "code": code,
                "libelle": ind["libelle"],
                "unite": ind["unite"],
                "groupe": ind.get("groupe", ""),
                "valeur_a": va,
                "valeur_b": vb,
                "ecart": vb - va if va is not None and vb is not None else None,
                "different": va != vb,
                # A bilan frozen before the catalogue has no fiches: its definition is unknown, not changed.
                "definition_changee": code in fiches_a and code in fiches_b and fiches_a[code] != fiches_b[code],
            }
        )
    return lignes


def comparer(bilan_a: BilanAnnuel, bilan_b: BilanAnnuel) -> list[dict]:
    return _lignes_comparees(chiffres_du_bilan(bilan_a), chiffres_du_bilan(bilan_b))


def ecarts_avec_le_calcul_du_jour(bilan: BilanAnnuel) -> list[dict] | None:
    """For an approved bilan: the figures that today's engine computes differently for the same year.

    The approved bilan is never rewritten: these differences are what a corrected version would change.
    """
    if not bilan.est_fige:
        return None
    lignes = _lignes_comparees(bilan.instantane, calculer_chiffres(bilan.annee))
    return [ligne for ligne in lignes if ligne["different"] or ligne["definition_changee"]]


# The figures a thematic has in the bilan (its row of the breakdown by thematic), each with the fiche that defines it.
CHIFFRES_THEMATIQUE = (
    ("participants", "Participants aux actions", "personnes", "participants"),
    ("prescriptions", "Prescriptions de la période (tous états)", "prescriptions", "prescriptions_proposee"),
    ("places", "Places conventionnées des actions en cours", "places", "taux_occupation"),
    ("taux_sorties_emploi", "Taux de sorties d'action vers l'emploi", "%", "taux_sorties_emploi"),
)


def chiffres_de_la_thematique(bilan: BilanAnnuel, thematique: Thematique, ventilation: list[dict] | None = None):
    """The thematic's figures as the bilan holds them: frozen for an approved bilan, computed now for a draft
    (one GROUP BY restricted to the thematic, the same query as the bilan's breakdown)."""
    if ventilation is None:
        if bilan.est_fige:
            ventilation = bilan.instantane.get("ventilations", {}).get("thematique", [])
        else:
            ventilation = ventiler(*periode_de(bilan.annee), "thematique", Filtres(thematique=thematique.pk))
    ligne = next((lg for lg in ventilation if lg.get("id") == thematique.pk), {})
    return [
        {"code": code, "libelle": libelle, "unite": unite, "valeur": valeur_depuis_json(ligne.get(cle))}
        for cle, libelle, unite, code in CHIFFRES_THEMATIQUE
    ]
