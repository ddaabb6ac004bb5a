"""The values of the placeholders for one parcours, read from objects already loaded (no query per person)."""

from django.utils import formats, timezone

from courriers.choices import NatureCreneau

CIVILITES = {"F": "Madame", "M": "Monsieur"}
# The related objects a list must load so that valeurs() reads no row of its own.
RELATIONS = ("beneficiaire__commune", "mdd", "referent", "orientation_courante", "contrat_courant")


def _jour(valeur) -> str:
    return formats.date_format(valeur, "l j F Y") if valeur else ""


def _court(valeur) -> str:
    return f"{valeur:%d/%m/%Y}" if valeur else ""


def valeurs_rendez_vous(creneau) -> dict:
    if creneau is None:
        return {}
    debut = timezone.localtime(creneau.debut)
    site = creneau.site
    return {
        "rdv.date": _jour(debut.date()),
        "rdv.heure": f"{debut.hour} h {debut.minute:02d}",
        "rdv.lieu": site.nom,
        "rdv.adresse": ", ".join(x for x in (site.adresse, site.commune.nom) if x),
        "rdv.professionnel": str(creneau.agent) if creneau.agent_id else "",
        "rdv.nature": NatureCreneau(creneau.nature).label.lower(),
    }


def valeurs(parcours, *, departement="", creneau=None, lien="", expire_le=None, aujourdhui=None) -> dict:
    b = parcours.beneficiaire
    commune = b.commune
    orientation = parcours.orientation_courante
    contrat = parcours.contrat_courant
    resultat = {
        "personne.civilite": CIVILITES.get(b.sexe, "Madame, Monsieur"),
        "personne.nom": b.nom.upper(),
        "personne.prenom": b.prenom,
        "personne.numero_allocataire": b.numero_allocataire,
        "personne.adresse": b.adresse,
        "personne.commune": f"{commune.code_postal} {commune.nom}".strip() if commune else "",
        "mdd.nom": parcours.mdd.nom,
        "mdd.telephone": parcours.mdd.telephone,
        "mdd.email": parcours.mdd.email,
        "referent.nom": str(parcours.referent) if parcours.referent_id else "",
        "lien": lien,
        "invitation.date_limite": _court(timezone.localtime(expire_le).date()) if expire_le else "",
        "orientation.type": orientation.get_type_display().lower() if orientation else "",
        "orientation.organisme": orientation.get_organisme_referent_display() if orientation else "",
        "orientation.date": _court(orientation.date_decision) if orientation else "",
        "contrat.debut": _court(contrat.date_debut) if contrat else "",
        "contrat.fin": _court(contrat.date_fin) if contrat else "",
        "contrat.objectifs": contrat.objectifs if contrat else "",
        "contrat.heures": f"{contrat.heures_hebdomadaires:g}" if contrat else "",
        "departement.nom": departement,
        "date_du_jour": _jour(aujourdhui or timezone.localdate()),
    }
    resultat.update(valeurs_rendez_vous(creneau))
    return resultat
