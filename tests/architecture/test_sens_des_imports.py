"""The apps are floors: each imports only the floors below it, and nothing hides an import inside a function.

    pacte (ground floor) < partenaires < parcours < courriers < droits < evaluation < config (the project shell)

A prescription is an event of a person's parcours, made by their référent and holding named data, so it lives in
parcours, which imports the partners' actions it points to; the partners' app knows nothing of people. The pages
of the partner side (prescriptions received, occupancy of an action) are views: a view may read the querysets and
services of a domain app above its own (never its views, never evaluation's), which is the only arrow allowed
upwards. Droits et devoirs (manquements, équipes pluridisciplinaires, suspension-remobilisation) sits above parcours:
it reads contracts and rendez-vous, and puts its steps on the timeline through parcours.timeline's registry. Read
statically (ast), so a forbidden import fails here even in a module no test imports.
"""

import ast
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
ETAGES = {"pacte": 0, "partenaires": 1, "parcours": 2, "courriers": 3, "droits": 4, "evaluation": 5, "config": 6}
# Modules that answer requests; everything else (models, querysets, services, rules, forms, tasks…) is domain.
DOSSIERS_DE_VUES = {"views", "api", "templatetags"}
FICHIERS_DE_VUES = {"urls.py", "api_urls.py", "admin.py"}
# AppConfig.ready() is where Django wants signal wiring imported, once the models are loaded.
IMPORTS_TARDIFS_PERMIS = {"apps.py"}


def _modules():
    for app in ETAGES:
        for chemin in sorted((RACINE / app).rglob("*.py")):
            if "migrations" not in chemin.parts:
                yield app, chemin


def _est_une_vue(parties: tuple[str, ...]) -> bool:
    return bool(DOSSIERS_DE_VUES & set(parties[1:-1])) or parties[-1] in FICHIERS_DE_VUES


def _imports(chemin: Path):
    """(modules named by the statement, line, at module level?) for every absolute import of the project's apps."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    de_premier_niveau = {id(noeud) for noeud in arbre.body}
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
            # «from parcours import figures_actions» imports the module parcours.figures_actions.
            noms = [f"{noeud.module}.{alias.name}" for alias in noeud.names]
        elif isinstance(noeud, ast.Import):
            noms = [alias.name for alias in noeud.names]
        else:
            continue
        noms = [nom for nom in noms if nom.split(".")[0] in ETAGES]
        if noms:
            yield noms, noeud.lineno, id(noeud) in de_premier_niveau


def _module_de_vue(nom: str) -> bool:
    parties = nom.split(".")
    return bool(DOSSIERS_DE_VUES & set(parties[1:])) or f"{parties[-1]}.py" in FICHIERS_DE_VUES


def _interdit(app: str, vue: bool, nom: str) -> bool:
    cible = nom.split(".")[0]
    if cible == app or ETAGES[cible] < ETAGES[app]:
        return False
    lecture_permise = vue and cible not in ("evaluation", "config") and not _module_de_vue(nom)
    return not lecture_permise


def infractions() -> list[str]:
    trouvees = []
    for app, chemin in _modules():
        relatif = chemin.relative_to(RACINE)
        vue = _est_une_vue(relatif.parts)
        for noms, ligne, premier_niveau in _imports(chemin):
            if not premier_niveau and relatif.name not in IMPORTS_TARDIFS_PERMIS:
                trouvees.append(f"{relatif}:{ligne} : import dans une fonction ou une classe ({noms[0]})")
            for nom in noms:
                if _interdit(app, vue, nom):
                    cible = nom.split(".")[0]
                    trouvees.append(f"{relatif}:{ligne} importe {nom} : {app} est au-dessous de {cible}")
                    break
    return trouvees


def test_aucune_app_n_importe_un_etage_au_dessus_d_elle_ni_dans_une_fonction():
    assert infractions() == []


@pytest.mark.parametrize(
    ("app", "fichier", "source", "attendu"),
    [
        ("pacte", "pacte/models/x.py", "from parcours.models import Parcours\n", "au-dessous"),
        ("partenaires", "partenaires/services_x.py", "from parcours import prescriptions\n", "au-dessous"),
        ("partenaires", "partenaires/views/x.py", "from parcours.views import fiche\n", "au-dessous"),
        ("parcours", "parcours/views/x.py", "from evaluation.indicateurs import calculer\n", "au-dessous"),
        ("evaluation", "evaluation/x.py", "from config.demo import comptes\n", "au-dessous"),
        ("parcours", "parcours/x.py", "def f():\n    from parcours.models import Parcours\n", "dans une fonction"),
    ],
)
def test_la_regle_refuse_chaque_sorte_d_import_interdit(tmp_path, monkeypatch, app, fichier, source, attendu):
    """The rule itself is tested: a forbidden import written into a scratch copy of the tree is found."""
    for nom in ETAGES:
        (tmp_path / nom).mkdir()
    chemin = tmp_path / fichier
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(source, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["RACINE"]), "RACINE", tmp_path)
    trouvees = infractions()
    assert len(trouvees) == 1 and attendu in trouvees[0], trouvees


def test_une_vue_peut_lire_les_services_d_une_app_au_dessus(tmp_path, monkeypatch):
    for nom in ETAGES:
        (tmp_path / nom).mkdir()
    (tmp_path / "partenaires" / "views").mkdir()
    (tmp_path / "partenaires" / "views" / "x.py").write_text("from parcours import figures_actions\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["RACINE"]), "RACINE", tmp_path)
    assert infractions() == []
