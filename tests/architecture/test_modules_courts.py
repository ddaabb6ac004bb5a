"""Small modules with one job: no module of the apps over 400 lines, no function over 60, no view over 40.

The seed and demo generators (config/demo/) are long lists of realistic situations: their functions are exempt,
not their modules.
"""

import ast
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
APPS = ("pacte", "partenaires", "parcours", "courriers", "droits", "evaluation", "config")
LIGNES_MODULE, LIGNES_FONCTION, LIGNES_VUE = 400, 60, 40


def _modules():
    for app in APPS:
        for chemin in sorted((RACINE / app).rglob("*.py")):
            relatif = chemin.relative_to(RACINE)
            if "migrations" not in relatif.parts:
                yield relatif, chemin.read_text(encoding="utf-8")


def _est_une_vue(relatif: Path) -> bool:
    return "views" in relatif.parts or relatif.name == "views.py"


def test_aucun_module_ne_depasse_400_lignes():
    longs = [f"{r} : {texte.count(chr(10))} lignes" for r, texte in _modules() if texte.count("\n") > LIGNES_MODULE]
    assert longs == []


def test_aucune_fonction_ne_depasse_60_lignes_ni_aucune_vue_40():
    longues = []
    for relatif, texte in _modules():
        demo = "demo" in relatif.parts
        for noeud in ast.walk(ast.parse(texte)):
            if not isinstance(noeud, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lignes = noeud.end_lineno - noeud.lineno + 1
            vue = _est_une_vue(relatif) and noeud.col_offset == 0 and not noeud.name.startswith("_")
            limite = LIGNES_VUE if vue else LIGNES_FONCTION
            if lignes > limite and not (demo and not vue):
                longues.append(f"{relatif}:{noeud.lineno} {noeud.name} : {lignes} lignes (au plus {limite})")
    assert longues == []
