"""The person's booking page: no account, reached by the signed link of their invitation; works on a phone."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from courriers import reservations, tasks
from courriers.choices import EtatInvitation
from courriers.forms import ChoixCreneauForm
from courriers.invitations import invitation_du_jeton
from courriers.referentiel import parametres

ACTIONS = {"choisir": reservations.choisir, "deplacer": reservations.deplacer}


def _par_jour(creneaux):
    jours = {}
    for creneau in creneaux:
        jours.setdefault(timezone.localtime(creneau.debut).date(), []).append(creneau)
    return sorted(jours.items())


def _agir(invitation, post):
    action = post.get("action")
    if action == "annuler":
        reservations.annuler(invitation)
        return "Votre rendez-vous est annulé. Vous pouvez en choisir un autre ci-dessous."
    if action not in ACTIONS or not post.get("creneau", "").isdigit():
        raise ValidationError("Choisissez un créneau dans la liste.")
    reservation = ACTIONS[action](invitation, int(post["creneau"]))
    debut = timezone.localtime(reservation.creneau.debut)
    return f"Votre rendez-vous est confirmé le {debut:%d/%m/%Y} à {debut:%H:%M}."


@login_not_required
@require_http_methods(["GET", "POST"])
def page(request, jeton):
    invitation = invitation_du_jeton(jeton)
    if invitation is None:
        return render(request, "courriers/public/lien_invalide.html", {"titre": "Lien non valide"}, status=404)
    erreur = confirmation = ""
    if request.method == "POST":
        try:
            confirmation = _agir(invitation, request.POST)
        except ValidationError as exc:
            erreur = " ".join(exc.messages)
        else:
            tasks.demander_envoi()
            request.session["rdv_confirmation"] = confirmation
            return redirect(request.path)
        invitation = invitation_du_jeton(jeton)
    confirmation = request.session.pop("rdv_confirmation", "")
    ouverte = (
        invitation.etat in (EtatInvitation.ENVOYEE, EtatInvitation.RESERVEE) and invitation.expire_le > timezone.now()
    )
    jours = _par_jour(reservations.creneaux_proposes(invitation)) if ouverte else []
    contexte = {
        "invitation": invitation,
        "parcours": invitation.parcours,
        "ouverte": ouverte,
        "erreur": erreur,
        "confirmation": confirmation,
        "reservation": invitation.reservation if invitation.etat == "reservee" else None,
        "jours": jours,
        "form_creneaux": ChoixCreneauForm(jours=jours, auto_id="rdv_%s"),
        "peut_changer": invitation.deplacements < parametres().deplacements_permis,
        "titre": "Prendre rendez-vous",
    }
    return render(request, "courriers/public/page.html", contexte, status=400 if erreur else (200 if ouverte else 410))
