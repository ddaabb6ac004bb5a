"""Home figures of the MDD agents and the chargés d'orientation (the parcours app owns them)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from pacte.accueil import Accueil, Tuile
from parcours.filters import Alerte, condition_alerte
from parcours.models import Parcours


def _lien_file_active(**filtres):
    return f"{reverse('parcours:file_active')}?{urlencode(filtres)}"


def accueil_agent_mdd(user) -> Accueil:
    jour = timezone.localdate()
    chiffres = (
        Parcours.objects.visible_par(user)
        .ouverts()
        .aggregate(
            suivis=Count("pk"),
            mes_suivis=Count("pk", filter=Q(referent=user)),
            a_orienter=Count("pk", filter=condition_alerte(Alerte.A_ORIENTER, jour)),
            contrats_signes=Count("pk", filter=Q(contrat_courant__etat="signe", contrat_courant__date_fin__gte=jour)),
            echeance=Count("pk", filter=condition_alerte(Alerte.CONTRAT_ECHEANCE, jour)),
            echus=Count("pk", filter=condition_alerte(Alerte.CONTRAT_ECHU, jour)),
            attente=Count("pk", filter=condition_alerte(Alerte.A_ORIENTER_30_JOURS, jour)),
            sans_rdv=Count("pk", filter=condition_alerte(Alerte.SANS_RDV, jour)),
        )
    )
    mdds = ", ".join(m.nom for m in user.mdds.all()) or "aucune MDD rattachée"
    return Accueil(
        titre="Ma file active",
        introduction=f"Les personnes suivies par : {mdds}.",
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
                "contrat(s) d'engagement à échéance dans les 30 jours",
                chiffres["echeance"],
                lien=_lien_file_active(alerte=Alerte.CONTRAT_ECHEANCE),
            ),
            Tuile(
                "contrat(s) d'engagement échu(s)", chiffres["echus"], lien=_lien_file_active(alerte=Alerte.CONTRAT_ECHU)
            ),
            Tuile(
                "nouvel(aux) entrant(s) sans orientation depuis plus de 30 jours",
                chiffres["attente"],
                lien=_lien_file_active(alerte=Alerte.A_ORIENTER_30_JOURS),
            ),
            Tuile(
                "personne(s) sans rendez-vous depuis 3 mois",
                chiffres["sans_rdv"],
                lien=_lien_file_active(alerte=Alerte.SANS_RDV),
            ),
        ],
    )


def accueil_charge_orientation(user) -> Accueil:
    seuil = timezone.localdate() - timedelta(days=30)
    chiffres = Parcours.objects.visible_par(user).aggregate(
        a_orienter=Count("pk"), en_attente_30_jours=Count("pk", filter=Q(date_entree__lt=seuil))
    )
    lien = reverse("parcours:a_orienter")
    return Accueil(
        titre="Orientation des nouveaux entrants",
        introduction="Les personnes entrées dans le dispositif qui attendent une décision d'orientation.",
        tuiles=[
            Tuile("Personnes à orienter", chiffres["a_orienter"], lien=lien),
            Tuile("En attente depuis plus de 30 jours", chiffres["en_attente_30_jours"], lien=lien),
        ],
        alertes=[
            Tuile(
                "personne(s) en attente d'orientation depuis plus de 30 jours",
                chiffres["en_attente_30_jours"],
                lien=lien,
            )
        ],
    )
