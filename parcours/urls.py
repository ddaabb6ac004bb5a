from django.urls import path

from parcours.views import avis, creation, export_file_active, fiche, file_active, orientation, reorientations

app_name = "parcours"

urlpatterns = [
    path("", file_active.file_active, name="file_active"),
    path("a-orienter/", orientation.a_orienter, name="a_orienter"),
    path("export/", export_file_active.exporter, name="export_file_active"),
    path("reorientations/", reorientations.a_decider, name="reorientations"),
    path("reorientations/<int:pk>/", reorientations.decider, name="decider_reorientation"),
    path("nouveau/", creation.creer, name="creer"),
    path("avis/<int:pk>/lu/", avis.marquer_lu, name="avis_lu"),
    path("<int:pk>/", fiche.fiche, name="fiche"),
    path("<int:pk>/orienter/", orientation.orienter, name="orienter"),
    # Before the event pattern below, which would take «historique» for an event.
    path("<int:pk>/historique/", fiche.historique_modifications, name="historique"),
    path("<int:pk>/<slug:evenement>/", fiche.enregistrer, name="enregistrer"),
]
