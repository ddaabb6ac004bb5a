from django.contrib import admin
from django.urls import include, path

from config import views as accueil
from pacte.api.jeton import jeton_api
from pacte.views import auth, demandes_acces, journal, marque, proconnect
from pacte.views import taches as vues_taches
from parcours.views import rgpd

admin.site.site_header = "Administration du Pacte territorial d'insertion"
admin.site.site_title = "Pacte territorial d'insertion"
admin.site.index_title = "Référentiel et données"

urlpatterns = [
    path("", accueil.accueil, name="accueil"),
    path("mdd/<int:pk>/", accueil.page_mdd, name="page_mdd"),
    path("connexion/", auth.Connexion.as_view(), name="login"),
    path("deconnexion/", auth.Deconnexion.as_view(), name="logout"),
    path("mot-de-passe/", auth.ChangementMotDePasse.as_view(), name="password_change"),
    path("mot-de-passe/modifie/", auth.ChangementMotDePasseFait.as_view(), name="password_change_done"),
    path("marque/logo-<str:empreinte>/", marque.logo, name="logo"),
    path("accessibilite/", marque.accessibilite, name="accessibilite"),
    path("proconnect/connexion/", proconnect.DebutProConnect.as_view(), name="proconnect_debut"),
    path("proconnect/retour/", proconnect.RetourProConnect.as_view(), name="proconnect_retour"),
    path("proconnect/acces-en-attente/", proconnect.acces_en_attente, name="proconnect_attente"),
    path("demandes-acces/", demandes_acces.demandes_acces, name="demandes_acces"),
    path("demandes-acces/<int:pk>/", demandes_acces.demande_acces, name="demande_acces"),
    path("journal-acces/", journal.journal_acces, name="journal_acces"),
    path("rgpd/droit-d-acces/", rgpd.droit_d_acces, name="droit_d_acces"),
    path("rgpd/droit-d-acces/<int:pk>/", rgpd.droit_d_acces_export, name="droit_d_acces_export"),
    path("parcours/", include("parcours.urls")),
    path("partenaires/", include("partenaires.urls")),
    path("courriers/", include("courriers.urls")),
    path("rdv/", include("courriers.urls_public")),
    path("droits/", include("droits.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("taches/<int:pk>/", vues_taches.tache, name="tache"),
    path("taches/<int:pk>/fichier/", vues_taches.tache_fichier, name="tache_fichier"),
    path("mon-jeton-api/", jeton_api, name="jeton_api"),
    path("imports/entrants/", include("parcours.imports.urls")),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]

handler403 = "pacte.views.erreurs.erreur_403"
handler404 = "pacte.views.erreurs.erreur_404"
handler500 = "pacte.views.erreurs.erreur_500"
