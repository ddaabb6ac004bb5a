"""In-app notices (Avis): written by the business functions that decide something another user must know,
read on the home page of their addressee."""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from pacte.models import Role, User
from parcours.models.avis import Avis

AVIS_SUR_L_ACCUEIL = 10


def aviser(destinataires, texte, lien="") -> int:
    avis = [Avis(destinataire=u, texte=texte[:400], lien=lien[:300]) for u in destinataires]
    Avis.objects.bulk_create(avis)
    return len(avis)


def aviser_partenaire(partenaire_id, texte, lien="") -> int:
    """Every active account of the partner structure."""
    comptes = User.objects.filter(partenaire_id=partenaire_id, role=Role.PARTENAIRE, is_active=True)
    return aviser(comptes, texte, lien)


def lien_prescription_recue(prescription) -> str:
    try:
        return reverse("partenaires:prescription_recue", args=[prescription.pk])
    except NoReverseMatch:
        return ""


def non_lus(user) -> list[Avis]:
    return list(Avis.objects.filter(destinataire=user, lu_le__isnull=True)[:AVIS_SUR_L_ACCUEIL])


def marquer_lu(user, pk) -> int:
    """0 when the notice is not the user's (or already read): nobody marks another's notices."""
    return Avis.objects.filter(destinataire=user, pk=pk, lu_le__isnull=True).update(lu_le=timezone.now())
