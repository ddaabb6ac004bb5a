from django.urls import path

from courriers.views import agenda, envois, modeles, rappels

app_name = "courriers"

urlpatterns = [
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/creer/", agenda.creer_creneaux, name="creer_creneaux"),
    path("parcours/<int:pk>/inviter/", envois.inviter, name="inviter"),
    path("parcours/<int:pk>/convoquer/", envois.convoquer, name="convoquer"),
    path("parcours/<int:pk>/", envois.courriers_parcours, name="courriers_parcours"),
    path("parcours/<int:pk>/lettre/<slug:nature>.pdf", envois.lettre_parcours, name="lettre_parcours"),
    path("inviter/", envois.inviter_en_nombre, name="inviter_en_nombre"),
    path("messages/<int:pk>/lettre.pdf", envois.lettre_message, name="lettre_message"),
    path("lettres/", envois.lettres_en_nombre, name="lettres_en_nombre"),
    path("modeles/", modeles.liste, name="modeles"),
    path("modeles/<int:pk>/", modeles.modifier, name="modele"),
    path("modeles/<int:pk>/apercu/", modeles.apercu, name="apercu"),
    path("rappels/<slug:fournisseur>/", rappels.rappel_fournisseur, name="rappel_fournisseur"),
    path("rappels/<slug:fournisseur>/<str:jeton>/", rappels.rappel_fournisseur_jeton, name="rappel_fournisseur_jeton"),
]
