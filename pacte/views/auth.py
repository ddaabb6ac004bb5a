from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from pacte.forms import ChangementMotDePasseForm, ConnexionForm


@method_decorator(login_not_required, name="dispatch")
class Connexion(auth_views.LoginView):
    form_class = ConnexionForm
    template_name = "registration/connexion.html"
    redirect_authenticated_user = True
    extra_context = {"titre": "Connexion"}


@method_decorator(login_not_required, name="dispatch")
class Deconnexion(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Vous êtes déconnecté.")
        return response


class ChangementMotDePasse(auth_views.PasswordChangeView):
    form_class = ChangementMotDePasseForm
    template_name = "registration/mot_de_passe.html"
    success_url = reverse_lazy("password_change_done")
    extra_context = {"titre": "Changer de mot de passe"}


class ChangementMotDePasseFait(auth_views.PasswordChangeDoneView):
    template_name = "registration/mot_de_passe_modifie.html"
    extra_context = {"titre": "Mot de passe modifié"}
