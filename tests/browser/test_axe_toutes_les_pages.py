"""axe on every page each role can reach, in the theme of the operator this run was started with (PACTE_OPERATEUR:
`make test-browser` runs the suite once per operator): 0 serious or critical violation. The crawl starts at each
role's home page and follows its links, one page per URL pattern (/parcours/12/ stands for every parcours), GET only,
no download. The totals by impact are printed and written to var/axe-<operator>.json."""

import json
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from config.demo.comptes import DEMO_PASSWORD

ROLES = [
    "travailleur.social",
    "responsable.mdd",
    "charge.orientation",
    "referent.thematique",
    "partenaire",
    "administrateur",
]
# Downloads, actions and other sites: not pages to look at.
HORS_CRAWL = re.compile(
    r"^/(deconnexion|admin|api|static|marque|taches)/|/export/|\.(pdf|csv|xlsx)$|/fichier/|/generer-pdf/|/pdf/"
    r"|^/rgpd/droit-d-acces/\d+/"
)
PAGES_PAR_ROLE = 40


@pytest.fixture
def demonstration(transactional_db, referentiel_hv):
    call_command("generer_demo", beneficiaires=60, verbosity=0)
    yield
    from evaluation.models import BilanAnnuel, TransitionBilan
    from evaluation.verrou import purge_autorisee

    # Approved bilans are guarded by a trigger: through the purge before the database is emptied.
    with purge_autorisee():
        TransitionBilan.objects.all().delete()
        for bilan in BilanAnnuel.objects.order_by("-version"):
            bilan.narratifs.all().delete()
            BilanAnnuel.objects.filter(pk=bilan.pk).delete()


def _motif(chemin: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/<n>", chemin)


def _liens(page) -> list[str]:
    liens = []
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        morceaux = urlsplit(href)
        if morceaux.scheme or morceaux.netloc or not morceaux.path.startswith("/"):
            continue
        if not HORS_CRAWL.search(morceaux.path):
            liens.append(morceaux.path + (f"?{morceaux.query}" if morceaux.query else ""))
    return liens


def _parcourir(page, base, axe, vus: set, totaux: Counter, graves: list):
    a_voir = ["/"]
    visitees = 0
    while a_voir and visitees < PAGES_PAR_ROLE:
        chemin = a_voir.pop(0)
        motif = _motif(urlsplit(chemin).path)
        if motif in vus:
            continue
        vus.add(motif)
        reponse = page.goto(base + chemin)
        if reponse is None or reponse.status != 200 or "text/html" not in reponse.headers.get("content-type", ""):
            continue
        visitees += 1
        for violation in axe.run(page).response["violations"]:
            totaux[violation.get("impact") or "inconnu"] += len(violation["nodes"])
            if violation.get("impact") in ("serious", "critical"):
                cibles = [n["target"] for n in violation["nodes"]][:3]
                graves.append(f"{chemin} : {violation['id']} ({violation['impact']}) {cibles}")
        a_voir.extend(_liens(page))
    return visitees


def test_axe_ne_trouve_rien_de_grave_sur_aucune_page(page, live_server, demonstration, capsys):
    from axe_playwright_python.sync_playwright import Axe

    axe, totaux, graves, pages = Axe(), Counter(), [], 0
    page.goto(f"{live_server.url}/connexion/")
    for violation in axe.run(page).response["violations"]:
        totaux[violation.get("impact") or "inconnu"] += len(violation["nodes"])
    for role in ROLES:
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/connexion/")
        page.get_by_label("Adresse électronique").fill(f"{role}@demo.pacte.fr")
        page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(f"{live_server.url}/")
        pages += _parcourir(page, live_server.url, axe, set(), totaux, graves)
    bilan = {"operateur": settings.PACTE_OPERATEUR, "pages_vues": pages, "noeuds_par_impact": dict(totaux)}
    (settings.BASE_DIR / "var").mkdir(exist_ok=True)
    (settings.BASE_DIR / "var" / f"axe-{settings.PACTE_OPERATEUR}.json").write_text(json.dumps(bilan, indent=2))
    with capsys.disabled():
        print(f"\naxe, opérateur {settings.PACTE_OPERATEUR} : {bilan}")
    assert pages > 30, bilan
    assert not graves, "\n".join(graves)
