from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from pacte.forms import ChangementMotDePasseForm, ConnexionForm
from pacte.models.journal import journaliser_connexion
from pacte.permissions import peut_changer_mot_de_passe
from pacte.proconnect.reglages import adresse_fin_de_session

MOT_DE_PASSE_DESACTIVE = "La connexion par mot de passe est désactivée : identifiez-vous avec ProConnect."


@method_decorator(login_not_required, name="dispatch")
class Connexion(auth_views.LoginView):
    form_class = ConnexionForm
    template_name = "registration/connexion.html"
    redirect_authenticated_user = True
    extra_context = {"titre": "Connexion"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            proconnect=settings.PROCONNECT_ACTIF, mot_de_passe=settings.CONNEXION_PAR_MOT_DE_PASSE, **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not settings.CONNEXION_PAR_MOT_DE_PASSE:
            messages.error(request, MOT_DE_PASSE_DESACTIVE)
            return redirect("login")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        journaliser_connexion(self.request, form.get_user(), methode="mot de passe")
        return response


@method_decorator(login_not_required, name="dispatch")
class Deconnexion(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        # Read before the session is flushed: ProConnect closes its own session only with this id_token.
        id_token = request.session.get("oidc_id_token") if settings.PROCONNECT_ACTIF else None
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Vous êtes déconnecté.")
        fin = adresse_fin_de_session(request, id_token) if id_token else None
        return HttpResponseRedirect(fin) if fin else response


class ChangementMotDePasse(auth_views.PasswordChangeView):
    form_class = ChangementMotDePasseForm
    template_name = "registration/mot_de_passe.html"
    success_url = reverse_lazy("password_change_done")
    extra_context = {"titre": "Changer de mot de passe"}

    def dispatch(self, request, *args, **kwargs):
        if not settings.CONNEXION_PAR_MOT_DE_PASSE:
            raise Http404("La connexion par mot de passe est désactivée.")
        if request.user.is_authenticated and not peut_changer_mot_de_passe(request.user):
            raise Http404("Ce compte se connecte par ProConnect : il n'a pas de mot de passe ici.")
        return super().dispatch(request, *args, **kwargs)


class ChangementMotDePasseFait(auth_views.PasswordChangeDoneView):
    template_name = "registration/mot_de_passe_modifie.html"
    extra_context = {"titre": "Mot de passe modifié"}
