"""No page, export, fragment or API answer of the app may be kept by a browser or a proxy: every URL of the
access matrix, opened by a role that sees it, answers `Cache-Control: private, no-store`."""

import pytest
from django.urls import reverse

from pacte.models import JetonAPI
from tests.securite.monde import ROLES, construire_monde
from tests.securite.test_matrice_acces import MATRICE

pytestmark = pytest.mark.django_db


def _sans_cache(reponse) -> bool:
    directives = {d.strip() for d in reponse.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def _url(nom, kwargs, monde):
    arguments = kwargs(monde) if kwargs else None
    requete = ""
    if isinstance(arguments, tuple):
        arguments, requete = arguments
    return reverse(nom, kwargs=arguments) + (f"?{requete}" if requete else "")


def test_chaque_adresse_ouverte_a_un_role_repond_sans_cache(client):
    monde = construire_monde()
    fautes, ouvertes = [], 0
    for nom, (kwargs, statuts) in sorted(MATRICE.items()):
        url = _url(nom, kwargs, monde)
        for role, statut in zip(ROLES, statuts, strict=True):
            if statut != 200:
                continue
            client.logout()
            if role != "anonyme":
                client.force_login(monde["users"][role])
            reponse = client.get(url)
            ouvertes += 1
            if not _sans_cache(reponse):
                fautes.append(f"{nom} ({url}) en {role} : Cache-Control={reponse.get('Cache-Control')!r}")
            break
    assert ouvertes > 70  # every URL some role opens (the rest answer only POST)
    assert not fautes, "\n".join(fautes)


def test_les_refus_et_redirections_aussi(client):
    monde = construire_monde()
    assert _sans_cache(client.get(reverse("parcours:file_active")))  # 302 to the login page
    client.force_login(monde["users"]["partenaire"])
    assert _sans_cache(client.get(reverse("parcours:fiche", args=[monde["parcours"].pk])))  # 404
    assert _sans_cache(client.get("/api/v1/actions/"))  # 403


def test_l_api_par_jeton_repond_sans_cache(client):
    monde = construire_monde()
    _, cle = JetonAPI.creer(monde["users"]["partenaire"])
    reponse = client.get("/api/v1/prescriptions/", HTTP_AUTHORIZATION=f"Token {cle}")
    assert reponse.status_code == 200
    assert _sans_cache(reponse)
