from django.urls import path

from evaluation.views import bilans, comites, exports, fiches, tableau_de_bord

app_name = "evaluation"

urlpatterns = [
    path("", tableau_de_bord.tableau_de_bord, name="tableau_de_bord"),
    path("export/indicateurs.<str:format_>", exports.indicateurs, name="export_indicateurs"),
    path("export/actions.<str:format_>", exports.actions, name="export_actions"),
    path("export/<str:nature>.<str:format_>/en-tache/", exports.en_tache, name="export_en_tache"),
    path("export/donnees-ouvertes.csv", exports.donnees_ouvertes, name="export_donnees_ouvertes"),
    path("fiches/", fiches.fiches_des_indicateurs, name="fiches"),
    path("bilans/", bilans.liste, name="bilans"),
    path("bilans/comparer/", bilans.comparer, name="comparer"),
    path("bilans/<int:pk>/", bilans.detail, name="bilan"),
    path("bilans/<int:pk>/thematiques/<int:thematique_id>/", bilans.narratif, name="narratif"),
    path("bilans/<int:pk>/soumettre/", bilans.soumettre, name="soumettre"),
    path("bilans/<int:pk>/renvoyer/", bilans.renvoyer, name="renvoyer"),
    path("bilans/<int:pk>/approuver/", bilans.approuver, name="approuver"),
    path("bilans/<int:pk>/nouvelle-version/", bilans.nouvelle_version, name="nouvelle_version"),
    path("bilans/<int:pk>/pdf/", bilans.pdf, name="bilan_pdf"),
    path("comites/", comites.liste, name="comites"),
    path("comites/<int:pk>/", comites.detail, name="comite"),
    path("comites/<int:pk>/generer-pdf/", comites.generer_pdf, name="comite_generer_pdf"),
    path("comites/<int:pk>/rapport.pdf", comites.telecharger_pdf, name="comite_pdf"),
]
