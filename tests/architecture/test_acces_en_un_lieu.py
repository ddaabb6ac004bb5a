"""Who may do what is said once per app, in its permissions module; views, the API and services only name it.

A view module that builds its own guard (`role_requis(lambda …)`) or its own DRF permission class would be a second
place where a role rule lives, and the two would drift; the scoping of records stays in the querysets.
"""

import ast
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
APPS = ("pacte", "partenaires", "parcours", "courriers", "droits", "evaluation", "config")


def _modules_de_vues():
    for app in APPS:
        for chemin in sorted((RACINE / app).rglob("*.py")):
            parties = set(chemin.relative_to(RACINE).parts[1:-1])
            if parties & {"views", "api"} or chemin.name in ("views.py", "urls.py"):
                yield chemin


def _appels_de(arbre, nom):
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Call) and getattr(noeud.func, "id", getattr(noeud.func, "attr", None)) == nom:
            yield noeud


def test_aucune_vue_ne_construit_sa_propre_regle_de_role():
    trouvees = []
    for chemin in _modules_de_vues():
        arbre = ast.parse(chemin.read_text(encoding="utf-8"))
        relatif = chemin.relative_to(RACINE)
        trouvees += [f"{relatif}:{n.lineno} role_requis(…)" for n in _appels_de(arbre, "role_requis")]
        trouvees += [f"{relatif}:{n.lineno} permission_api(…)" for n in _appels_de(arbre, "permission_api")]
        for noeud in ast.walk(arbre):
            if isinstance(noeud, ast.ClassDef) and any(
                getattr(base, "attr", getattr(base, "id", "")) == "BasePermission" for base in noeud.bases
            ):
                trouvees.append(f"{relatif}:{noeud.lineno} classe de permission {noeud.name}")
            decorateurs = getattr(noeud, "decorator_list", [])
            if any(isinstance(sous, ast.Lambda) for d in decorateurs for sous in ast.walk(d)):
                trouvees.append(f"{relatif}:{noeud.lineno} lambda dans un décorateur")
    assert trouvees == [], "Nommez la règle dans le module permissions de l'app :\n" + "\n".join(trouvees)


def test_chaque_app_de_domaine_a_son_module_de_permissions():
    for app in ("pacte", "partenaires", "parcours", "courriers", "droits", "evaluation"):
        assert (RACINE / app / "permissions.py").is_file(), app
