from django.urls import path

from parcours.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.depot, name="depot"),
    path("format/", views.format_fichier, name="format"),
    path("<int:pk>/apercu/", views.apercu, name="apercu"),
    path("<int:pk>/confirmer/", views.confirmer, name="confirmer"),
    path("<int:pk>/suivi/", views.suivi, name="suivi"),
    path("<int:pk>/resultat/", views.resume, name="resume"),
    path("<int:pk>/lignes-refusees.csv", views.refus_csv, name="refus_csv"),
]
