"""The agents' agenda: their MDD's créneaux by day or week, and the entry of new créneaux."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from courriers import agenda as services
from courriers.forms import CreneauForm
from courriers.permissions import agenda_requis
from pacte.models.journal import journaliser_liste


def _jour(request) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("jour", ""))
    except ValueError:
        return timezone.localdate()


@agenda_requis
def agenda(request):
    jour = _jour(request)
    semaine = request.GET.get("vue") != "jour"
    debut, fin = services.semaine_de(jour) if semaine else (jour, jour + datetime.timedelta(days=1))
    agent = request.user if request.GET.get("moi") else None
    creneaux = list(services.agenda(request.user, debut, fin, agent=agent))
    reservations = [r for c in creneaux for r in c.actives]
    journaliser_liste(
        request.user,
        page=request.get_full_path(),
        objet="rendez-vous",
        lignes=[(r.pk, r.parcours.beneficiaire_id) for r in reservations],
    )
    jours = {}
    for creneau in creneaux:
        jours.setdefault(timezone.localtime(creneau.debut).date(), []).append(creneau)
    pas = datetime.timedelta(days=7 if semaine else 1)
    contexte = {
        "jours": sorted(jours.items()),
        "semaine": semaine,
        "debut": debut,
        "fin": fin - datetime.timedelta(days=1),
        "precedent": (debut - pas).isoformat(),
        "suivant": (debut + pas).isoformat(),
        "moi": bool(agent),
        "titre": "Agenda de la semaine" if semaine else "Agenda du jour",
        "fil_ariane": [{"label": "Agenda"}],
    }
    return render(request, "courriers/agenda.html", contexte)


@agenda_requis
def creer_creneaux(request):
    form = CreneauForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        donnees = dict(form.cleaned_data)
        donnees["capacite"] = donnees.get("capacite") or 1
        try:
            creneaux = services.creer_creneaux(par=request.user, **donnees)
        except ValidationError as erreur:
            form.add_error(None, erreur)
        else:
            messages.success(request, f"{len(creneaux)} créneau(x) créé(s).")
            jour = timezone.localtime(creneaux[0].debut).date()
            return redirect(f"{reverse('courriers:agenda')}?jour={jour.isoformat()}")
    contexte = {"form": form, "titre": "Nouveaux créneaux", "fil_ariane": [{"label": "Nouveaux créneaux"}]}
    return render(request, "courriers/creer_creneaux.html", contexte, status=400 if form.errors else 200)
