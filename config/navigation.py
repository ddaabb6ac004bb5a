"""The navigation of each role. An entry is shown only to the roles whose querysets give it data."""

from django.urls import NoReverseMatch, reverse

from pacte.models.utilisateurs import Role

MENUS = {
    Role.TRAVAILLEUR_SOCIAL: [
        ("Accueil", "accueil"),
        ("Ma file active", "parcours:file_active"),
        ("Catalogue des actions", "partenaires:catalogue"),
        ("Droits et devoirs", "droits:manquements"),
    ],
    Role.RESPONSABLE_MDD: [
        ("Accueil", "accueil"),
        ("File active de la MDD", "parcours:file_active"),
        ("Catalogue des actions", "partenaires:catalogue"),
        ("Droits et devoirs", "droits:manquements"),
        ("Équipes pluridisciplinaires", "droits:seances"),
    ],
    Role.CHARGE_ORIENTATION: [
        ("Accueil", "accueil"),
        ("Nouveaux entrants à orienter", "parcours:a_orienter"),
        ("Import des nouveaux entrants", "imports:depot"),
        ("Catalogue des actions", "partenaires:catalogue"),
    ],
    Role.REFERENT_THEMATIQUE: [
        ("Accueil", "accueil"),
        ("Mes actions", "partenaires:mes_actions"),
        ("Tableau de bord", "evaluation:tableau_de_bord"),
    ],
    Role.PARTENAIRE: [
        ("Accueil", "accueil"),
        ("Prescriptions reçues", "partenaires:prescriptions_recues"),
        ("Équipes pluridisciplinaires", "droits:seances"),
    ],
    Role.ADMINISTRATEUR: [
        ("Accueil", "accueil"),
        ("Actions et partenaires", "partenaires:mes_actions"),
        ("Tableau de bord", "evaluation:tableau_de_bord"),
        ("Import des nouveaux entrants", "imports:depot"),
        ("Journal d'accès", "journal_acces"),
        ("Droit d'accès", "droit_d_acces"),
        ("Administration du référentiel", "admin:index"),
    ],
}


def menu_pour(user, current_path: str) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    role = Role.ADMINISTRATEUR if user.is_superuser else user.role
    entries = []
    for label, url_name in MENUS.get(role, []):
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            # An app that has not yet shipped this page: no dead link in the menu.
            continue
        active = current_path == url or (url != "/" and current_path.startswith(url))
        entries.append({"label": label, "link": url, "active": active})
    return entries
