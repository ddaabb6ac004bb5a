from django.urls import path

from droits.views import decisions, ep, heures, manquements

app_name = "droits"

urlpatterns = [
    path("", manquements.liste, name="manquements"),
    path("parcours/<int:pk>/manquement/", manquements.ouvrir, name="ouvrir"),
    path("parcours/<int:pk>/heures/", heures.heures, name="heures"),
    path("<int:pk>/", manquements.manquement, name="manquement"),
    path("<int:pk>/decision/", decisions.decider, name="decider"),
    path("<int:pk>/<slug:action>/", manquements.agir, name="agir"),
    path("<int:pk>/courrier/<slug:nature>/", manquements.courrier, name="courrier"),
    path("fichier-caf-msa/", decisions.export, name="export"),
    path("fichier-caf-msa/<int:pk>/", decisions.export_fichier, name="export_fichier"),
    path("ep/", ep.seances, name="seances"),
    path("ep/<int:pk>/", ep.seance, name="seance"),
    path("ep/dossiers/<int:pk>/", ep.dossier, name="dossier"),
    path("ep/<int:pk>/proces-verbal/", ep.proces_verbal, name="proces_verbal"),
]
