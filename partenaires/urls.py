from django.urls import path

from partenaires.views import actions, catalogue, espace_partenaire, gestion, groupes

app_name = "partenaires"

urlpatterns = [
    path("actions/", actions.mes_actions, name="mes_actions"),
    path("actions/<int:pk>/", actions.action_detail, name="action"),
    path("actions/<int:pk>/ajustement/", actions.ajouter_ajustement, name="ajouter_ajustement"),
    path("actions/<int:pk>/resultats/", actions.saisir_resultat, name="saisir_resultat"),
    path("actions/<int:pk>/resultats/<int:resultat_pk>/", actions.saisir_resultat, name="corriger_resultat"),
]

urlpatterns += [
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/prescrire/", catalogue.prescrire_action, name="prescrire"),
]

urlpatterns += [
    path("prescriptions/", espace_partenaire.prescriptions_recues, name="prescriptions_recues"),
    path("prescriptions/<int:pk>/", espace_partenaire.prescription_recue, name="prescription_recue"),
]

urlpatterns += [
    path("groupes/", groupes.groupes, name="groupes"),
    path("groupes/<int:pk>/", groupes.groupe, name="groupe"),
    path("groupes/<int:pk>/reunions/nouvelle/", groupes.nouvelle_reunion, name="nouvelle_reunion"),
    path("reunions/<int:pk>/", groupes.reunion, name="reunion"),
]

urlpatterns += [
    path("gestion/", gestion.gestion, name="gestion"),
    path("gestion/partenaires/nouveau/", gestion.partenaire_form, name="nouveau_partenaire"),
    path("gestion/partenaires/<int:pk>/", gestion.partenaire_form, name="modifier_partenaire"),
    path("gestion/partenaires/import/", gestion.import_partenaires, name="import_partenaires"),
    path("gestion/financements/nouveau/", gestion.financement_form, name="nouveau_financement"),
    path("gestion/financements/<int:pk>/", gestion.financement, name="financement"),
    path("gestion/financements/<int:pk>/modifier/", gestion.financement_form, name="modifier_financement"),
    path("gestion/actions/nouvelle/", gestion.action_form, name="nouvelle_action"),
    path("gestion/actions/<int:pk>/", gestion.action_form, name="modifier_action"),
]
