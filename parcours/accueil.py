"""Home figures of the MDD agents and the chargés d'orientation (the parcours app owns them).

The agent's figures count every open parcours of the MDD (PostgreSQL: 30 to 75 ms for an MDD of 6,500 parcours,
the most expensive query of the pages an agent opens most). The same for every agent of the MDD, they are kept in
the database cache shared by the workers, under a generation number per MDD that every save of a parcours, a
contract, an appointment or a transfer changes (signals, connected in ParcoursConfig.ready): the next home page
after a change counts again. One read of that cache (generations and figures together) replaces the count;
«mes accompagnements», the agent's own, is counted live (a few hundred rows through the référent index).
FRAICHEUR_ACCUEIL bounds what a write outside the signals (a queryset update) could leave stale.
"""

import time
from datetime import timedelta
from urllib.parse import urlencode

from django.core.cache import caches
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone

from pacte.accueil import Accueil, Tuile
from pacte.referentiel import delai_orientation_jours
from pacte.text import pluriel
from parcours.filters import Alerte, condition_alerte
from parcours.filtres_orientation import Attente
from parcours.models import ContratEngagement, Parcours, RendezVous, Transfert

FRAICHEUR_ACCUEIL = 15 * 60
CLE_GENERATION = "accueil:generation:mdd:{}"


def _lire(cle_chiffres, mdd_ids) -> tuple:
    """(generations of these MDD, figures kept for them or None), in one read of the shared cache."""
    cache = caches["indicateurs"]
    cles = [CLE_GENERATION.format(pk) for pk in mdd_ids]
    valeurs = cache.get_many([*cles, cle_chiffres])
    manquantes = [cle for cle in cles if cle not in valeurs]
    if manquantes:
        # A missing generation (never written, or culled from a full cache) starts a new one: figures kept under
        # an older one are never served again.
        for cle in manquantes:
            cache.add(cle, time.time_ns(), None)
        valeurs.update(cache.get_many(manquantes))
    return tuple(valeurs.get(cle) for cle in cles), valeurs.get(cle_chiffres)


def invalider_accueil(mdd_ids) -> None:
    """The home figures of these MDD are counted again on the next visit, in every worker."""
    generation = time.time_ns()
    caches["indicateurs"].set_many({CLE_GENERATION.format(pk): generation for pk in set(mdd_ids) if pk}, None)


def _chiffres_agent(user, mdds, jour, delai) -> dict:
    mdd_ids = sorted(m.pk for m in mdds)
    cle = f"accueil:mdd:{'-'.join(map(str, mdd_ids))}:{jour.isoformat()}:{delai}"
    generations, en_cache = _lire(cle, mdd_ids)
    if en_cache is not None and en_cache[0] == generations:
        chiffres = en_cache[1]
    else:
        chiffres = _compter_mdd(user, jour, delai)
        caches["indicateurs"].set(cle, (generations, chiffres), FRAICHEUR_ACCUEIL)
    mes_suivis = Parcours.objects.visible_par(user).ouverts().filter(referent=user).count()
    return {**chiffres, "mes_suivis": mes_suivis}


def _lien_file_active(**filtres):
    return f"{reverse('parcours:file_active')}?{urlencode(filtres)}"


def _compter_mdd(user, jour, delai) -> dict:
    """The figures of the user's MDD: for an MDD agent, visible_par is exactly the parcours of its MDD."""
    return (
        Parcours.objects.visible_par(user)
        .ouverts()
        .aggregate(
            suivis=Count("pk"),
            a_orienter=Count("pk", filter=condition_alerte(Alerte.A_ORIENTER, jour)),
            contrats_signes=Count("pk", filter=Q(contrat_courant__etat="signe", contrat_courant__date_fin__gte=jour)),
            echeance=Count("pk", filter=condition_alerte(Alerte.CONTRAT_ECHEANCE, jour)),
            echus=Count("pk", filter=condition_alerte(Alerte.CONTRAT_ECHU, jour)),
            attente=Count("pk", filter=condition_alerte(Alerte.A_ORIENTER_30_JOURS, jour, delai)),
            sans_rdv=Count("pk", filter=condition_alerte(Alerte.SANS_RDV, jour)),
        )
    )


def accueil_agent_mdd(user) -> Accueil:
    jour = timezone.localdate()
    mdds = list(user.mdds.all())
    delai = delai_orientation_jours()
    chiffres = _chiffres_agent(user, mdds, jour, delai)
    noms = ", ".join(m.nom for m in mdds) or "aucune MDD rattachée"
    return Accueil(
        titre="Ma file active",
        introduction=f"Les personnes suivies par : {noms}.",
        tuiles=[
            Tuile("Personnes suivies", chiffres["suivis"], lien=_lien_file_active()),
            Tuile("Dont mes accompagnements", chiffres["mes_suivis"], lien=_lien_file_active(referent=user.pk)),
            Tuile(
                "Nouveaux entrants à orienter", chiffres["a_orienter"], lien=_lien_file_active(alerte=Alerte.A_ORIENTER)
            ),
            Tuile(
                "Contrats d'engagement en cours",
                chiffres["contrats_signes"],
                lien=_lien_file_active(contrat="en_cours"),
            ),
        ],
        alertes=[
            Tuile(
                pluriel(chiffres["echeance"], "contrat d'engagement", "contrats d'engagement")
                + " à échéance dans les 30 jours",
                chiffres["echeance"],
                lien=_lien_file_active(alerte=Alerte.CONTRAT_ECHEANCE),
            ),
            Tuile(
                pluriel(chiffres["echus"], "contrat d'engagement échu", "contrats d'engagement échus"),
                chiffres["echus"],
                lien=_lien_file_active(alerte=Alerte.CONTRAT_ECHU),
            ),
            Tuile(
                pluriel(chiffres["attente"], "nouvel entrant", "nouveaux entrants")
                + f" sans orientation depuis plus de {delai} jours",
                chiffres["attente"],
                lien=_lien_file_active(alerte=Alerte.A_ORIENTER_30_JOURS),
            ),
            Tuile(
                pluriel(chiffres["sans_rdv"], "personne") + " sans rendez-vous depuis 3 mois",
                chiffres["sans_rdv"],
                lien=_lien_file_active(alerte=Alerte.SANS_RDV),
            ),
        ],
    )


def accueil_charge_orientation(user) -> Accueil:
    delai = delai_orientation_jours()
    seuil = timezone.localdate() - timedelta(days=delai)
    chiffres = Parcours.objects.visible_par(user).aggregate(
        a_orienter=Count("pk"), en_attente=Count("pk", filter=Q(date_entree__lt=seuil))
    )
    lien = reverse("parcours:a_orienter")
    lien_attente = f"{lien}?{urlencode({'attente': Attente.AU_DELA})}"
    return Accueil(
        titre="Orientation des nouveaux entrants",
        introduction="Les personnes entrées dans le dispositif qui attendent une décision d'orientation.",
        tuiles=[
            Tuile("Personnes à orienter", chiffres["a_orienter"], lien=lien),
            Tuile(f"En attente depuis plus de {delai} jours", chiffres["en_attente"], lien=lien_attente),
        ],
        alertes=[
            Tuile(
                pluriel(chiffres["en_attente"], "personne")
                + f" en attente d'orientation depuis plus de {delai} jours (délai cible)",
                chiffres["en_attente"],
                lien=lien_attente,
            )
        ],
    )


def _apres_parcours(sender, instance, **kwargs):
    invalider_accueil([instance.mdd_id])


def _apres_evenement(sender, instance, **kwargs):
    parcours = instance._state.fields_cache.get("parcours")
    if parcours is not None:
        invalider_accueil([parcours.mdd_id])
    else:
        invalider_accueil(Parcours.objects.filter(pk=instance.parcours_id).values_list("mdd_id", flat=True))


def _apres_transfert(sender, instance, **kwargs):
    # The parcours's own save names only the receiving MDD: the one it leaves counts again too.
    invalider_accueil([instance.mdd_origine_id, instance.mdd_destination_id])


def brancher():
    for modele, recepteur in (
        (Parcours, _apres_parcours),
        (ContratEngagement, _apres_evenement),
        (RendezVous, _apres_evenement),
        (Transfert, _apres_transfert),
    ):
        post_save.connect(recepteur, sender=modele, dispatch_uid=f"accueil_{modele.__name__}_save")
        post_delete.connect(recepteur, sender=modele, dispatch_uid=f"accueil_{modele.__name__}_delete")
