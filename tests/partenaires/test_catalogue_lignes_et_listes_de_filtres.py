"""The catalogue's rows and filter lists, written from plain values (no model per row or option), show
exactly what the models' str(), the prefetches and the template filters showed, in the same order."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from pacte.models import Commune, Site, Thematique
from parcours.choices import EtatPrescription as E
from tests.pacte.factories import (
    CommuneFactory,
    MDDFactory,
    SiteFactory,
    TerritoireFactory,
    ThematiqueFactory,
)
from tests.parcours.factories import ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import PartenaireFactory, action_ouverte

pytestmark = pytest.mark.django_db

INCONNUE = "VARIABLE INCONNUE"


def _entrees(action, nombre):
    for _ in range(nombre):
        PrescriptionFactory(
            action=action, etat=E.ENTREE, date_proposition=action.date_debut, date_entree=action.date_debut
        )


def _catalogue(client, **params):
    reponse = client.get(reverse("partenaires:catalogue"), params)
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert INCONNUE not in contenu
    return contenu


def _ligne(contenu, intitule):
    """The <tr> of the action whose title is `intitule`, its cells as a list of inner HTML."""
    for ligne in re.findall(r"<tr>(.*?)</tr>", contenu, re.S):
        if f'<th scope="row">{escape(intitule)}' in ligne:
            return [cellule.strip() for cellule in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", ligne, re.S)]
    raise AssertionError(f"pas de ligne pour {intitule}")


def _select(contenu, nom):
    return re.search(rf'<select name="{nom}"[^>]*>(.*?)</select>', contenu, re.S).group(1)


def _options(objets, vide, choisi=None):
    options = [f'<option value="">{vide}</option>' if choisi else f'<option value="" selected>{vide}</option>']
    for objet in objets:
        selected = " selected" if objet == choisi else ""
        options.append(f'<option value="{objet.pk}"{selected}>{escape(str(objet))}</option>')
    return "".join(options)


def test_les_listes_de_filtres_montrent_le_str_des_modeles_dans_leur_ordre_et_gardent_le_choix(client, travailleur):
    territoire = TerritoireFactory()
    ThematiqueFactory(intitule="Emploi & <formation>")
    CommuneFactory(nom="Zénith-sur-Vienne", mdd=MDDFactory(territoire=territoire))
    commune = CommuneFactory(nom="Aixe <l'ancienne>", mdd=MDDFactory(territoire=territoire))
    SiteFactory(nom='Site "Nord" & co', mdd=commune.mdd, commune=commune)
    site = SiteFactory(nom="Beaubreuil")
    client.force_login(travailleur)

    contenu = _catalogue(client)
    assert _select(contenu, "thematique") == _options(Thematique.objects.all(), "Toutes les thématiques")
    assert _select(contenu, "commune") == _options(Commune.objects.order_by("nom"), "Toutes les communes")
    assert _select(contenu, "site") == _options(Site.objects.order_by("nom"), "Tous les sites")

    thematique = Thematique.objects.last()
    contenu = _catalogue(client, thematique=thematique.pk, commune=commune.pk, site=site.pk)
    assert _select(contenu, "thematique") == _options(Thematique.objects.all(), "Toutes les thématiques", thematique)
    assert _select(contenu, "commune") == _options(Commune.objects.order_by("nom"), "Toutes les communes", commune)
    assert _select(contenu, "site") == _options(Site.objects.order_by("nom"), "Tous les sites", site)


def test_une_valeur_de_filtre_invalide_est_signalee_et_ne_filtre_pas(client, travailleur, operateur_etat):
    action_ouverte(intitule="Atelier mobilité")
    client.force_login(travailleur)
    contenu = _catalogue(client, commune="abc", site=999999)
    assert 'aria-describedby="id_commune-desc-error"' in contenu
    assert 'aria-describedby="id_site-desc-error"' in contenu
    assert "Atelier mobilité" in contenu and "Actions ouvertes (1)" in contenu


def test_une_ligne_montre_action_thematique_partenaire_periode_lieux_et_places(client, travailleur, operateur_etat):
    thematique = ThematiqueFactory(intitule="Emploi & <formation>")
    action = action_ouverte(
        intitule="Chantier <bois> & co",
        objectif__thematique=thematique,
        partenaire=PartenaireFactory(raison_sociale="L'atelier <du> coin"),
        date_debut=datetime.date(2024, 3, 5),
        date_fin=datetime.date(2031, 11, 9),
        places=3,
        public_cible=" ".join(f"mot{i}" for i in range(25)) + " <b>",
    )
    # Sites in Site's order (its MDD's name, then its own), whatever their names; then territories by name.
    mdd_b, mdd_a = MDDFactory(nom="B maison"), MDDFactory(nom="A maison")
    commune = CommuneFactory(nom="Saint-Junien <87>", mdd=mdd_b)
    action.sites.add(
        SiteFactory(nom="A site", mdd=mdd_b, commune=commune),
        SiteFactory(nom="Z site & co", mdd=mdd_a, commune=CommuneFactory(mdd=mdd_a)),
    )
    action.territoires.add(TerritoireFactory(nom="Val d'Aurence"), TerritoireFactory(nom="Haut <Limousin>"))
    _entrees(action, 1)
    client.force_login(travailleur)

    contenu = _catalogue(client)
    sites = [str(site) for site in action.sites.order_by("mdd__nom", "nom")]
    assert sites[0].startswith("Z site")
    lieux = ", ".join(sites) + " ; " + ", ".join(t.nom for t in action.territoires.order_by("nom"))
    public = " ".join(f"mot{i}" for i in range(20)) + " …"
    assert _ligne(contenu, action.intitule) == [
        f'{escape(action.intitule)}<br><span class="fr-text--xs">Public : {public}</span>',
        escape(str(thematique)),
        "L&#x27;atelier &lt;du&gt; coin",
        "du 05/03/2024 au 09/11/2031",
        escape(lieux),
        "2 sur 3",
    ]


def test_une_ligne_sans_public_ni_lieux_et_une_action_complete(client, travailleur):
    complete = action_ouverte(intitule="Action complète", places=2, public_cible="")
    _entrees(complete, 2)
    seulement_territoire = action_ouverte(intitule="Action de territoire")
    seulement_territoire.territoires.add(TerritoireFactory(nom="Nord"))
    seulement_site = action_ouverte(intitule="Action de site")
    site = SiteFactory()
    seulement_site.sites.add(site)
    client.force_login(travailleur)

    contenu = _catalogue(client)
    ligne = _ligne(contenu, "Action complète")
    assert ligne[0] == "Action complète"
    assert ligne[4:] == ["", "<strong>complète</strong> (2 places)"]
    assert _ligne(contenu, "Action de territoire")[4] == "Nord"
    assert _ligne(contenu, "Action de site")[4] == escape(str(site))


def test_prescrire_un_bouton_par_ligne_seulement_avec_un_parcours(client, travailleur, operateur_etat):
    actions = [action_ouverte(intitule=f"Action {i}") for i in range(3)]
    parcours = ParcoursFactory(mdd=travailleur.mdds.first())
    client.force_login(travailleur)

    assert "Prescrire<span" not in _catalogue(client)
    contenu = _catalogue(client, parcours=parcours.pk)
    for action in actions:
        lien = f"{reverse('partenaires:prescrire', args=[action.pk])}?parcours={parcours.pk}"
        assert _ligne(contenu, action.intitule)[-1] == (
            f'<a class="fr-btn fr-btn--sm" href="{escape(lien)}">Prescrire'
            f'<span class="fr-sr-only"> « {action.intitule} »</span></a>'
        )


def test_pagination_et_ordre_des_actions(client, travailleur):
    for i in reversed(range(23)):
        action_ouverte(intitule=f"Action {i:02d}")
    client.force_login(travailleur)

    contenu = _catalogue(client)
    assert "Actions ouvertes (23)" in contenu and "Page 1 sur 2" in contenu
    assert re.findall(r'<th scope="row">(Action \d\d)', contenu) == [f"Action {i:02d}" for i in range(20)]
    contenu = _catalogue(client, page=2)
    assert re.findall(r'<th scope="row">(Action \d\d)', contenu) == ["Action 20", "Action 21", "Action 22"]
    contenu = _catalogue(client, q="rien de tel")
    assert "Actions ouvertes (0)" in contenu and "Aucune action ouverte ne correspond" in contenu


def _requetes(client, **params):
    with CaptureQueriesContext(connection) as requetes:
        _catalogue(client, **params)
    return len(requetes)


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_d_actions_ni_de_lieux(client, travailleur):
    commune = CommuneFactory()
    parcours = ParcoursFactory(mdd=travailleur.mdds.first())
    client.force_login(travailleur)

    def creer(n):
        for _ in range(n):
            action = action_ouverte()
            action.sites.add(SiteFactory(), SiteFactory(commune=commune))
            action.territoires.add(TerritoireFactory(), commune.mdd.territoire)
            _entrees(action, 1)

    creer(2)
    _catalogue(client)  # the first page also reads the header's pact and slides the session
    avant = [_requetes(client), _requetes(client, commune=commune.pk), _requetes(client, parcours=parcours.pk)]
    creer(30)
    # Session, user, count, the page, its sites, its territories, the three lists; +1 to check the commune
    # (with its MDD); the parcours adds its own check and its journal entry.
    assert [_requetes(client), _requetes(client, commune=commune.pk), _requetes(client, parcours=parcours.pk)] == avant
    assert avant[:2] == [9, 10]


def test_le_catalogue_tient_en_neuf_requetes(client, travailleur, django_assert_max_num_queries):
    for _ in range(25):
        action = action_ouverte()
        action.sites.add(SiteFactory())
        action.territoires.add(TerritoireFactory())
    client.force_login(travailleur)
    _catalogue(client)  # the first page also reads the header's pact and slides the session
    with django_assert_max_num_queries(9):
        _catalogue(client)
    with django_assert_max_num_queries(9):
        _catalogue(client, page=2)
