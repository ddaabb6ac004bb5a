"""Prescriptions addressed to a partner, and their changes of state (parcours.prescriptions.changer_etat)."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from pacte.api.base import LectureSeuleViewSet
from pacte.choices import TypeSortie
from pacte.models.journal import journaliser_liste
from parcours.choices import EtatPrescription
from parcours.models import Prescription
from parcours.permissions import PermissionPartenaire
from parcours.prescriptions import changer_etat, transitions_possibles
from partenaires.models import Action


class PersonneSerializer(serializers.Serializer):
    nom = serializers.CharField(help_text="Nom de la personne orientée vers l'action.")
    prenom = serializers.CharField(help_text="Prénom.")
    telephone = serializers.CharField(help_text="Téléphone (vide s'il n'est pas connu).")


class ActionResumeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    intitule = serializers.CharField(help_text="Intitulé de l'action.")


class PrescriptionSerializer(serializers.ModelSerializer):
    personne = PersonneSerializer(source="parcours.beneficiaire", read_only=True)
    action = ActionResumeSerializer(read_only=True)
    mdd = serializers.CharField(source="parcours.mdd.nom", read_only=True, help_text="MDD qui suit la personne.")
    etat_libelle = serializers.CharField(source="get_etat_display", read_only=True, help_text="État en clair.")
    transitions_possibles = serializers.SerializerMethodField(
        help_text="États vers lesquels la prescription peut passer (action « changer-etat »)."
    )

    class Meta:
        model = Prescription
        fields = [
            "id",
            "etat",
            "etat_libelle",
            "transitions_possibles",
            "action",
            "personne",
            "mdd",
            "date_proposition",
            "date_entree",
            "date_sortie",
            "type_sortie",
            "motif",
        ]

    def get_transitions_possibles(self, prescription) -> list[str]:
        return transitions_possibles(prescription.etat)


class ChangementEtatSerializer(serializers.Serializer):
    etat = serializers.ChoiceField(choices=EtatPrescription.choices, help_text="Nouvel état de la prescription.")
    date = serializers.DateField(
        required=False, help_text="Date de l'événement (entrée, sortie…), AAAA-MM-JJ ; aujourd'hui par défaut."
    )
    motif = serializers.CharField(
        required=False, allow_blank=True, max_length=250, help_text="Motif (obligatoire pour un refus)."
    )
    type_sortie = serializers.ChoiceField(
        choices=TypeSortie.choices, required=False, allow_blank=True, help_text="Motif de sortie (pour une sortie)."
    )


class PrescriptionFilter(django_filters.FilterSet):
    etat = django_filters.ChoiceFilter(choices=EtatPrescription.choices, label="État de la prescription")
    action = django_filters.ModelChoiceFilter(queryset=Action.objects.all(), label="Action")
    proposee_depuis = django_filters.DateFilter(
        field_name="date_proposition", lookup_expr="gte", label="Proposées depuis cette date (AAAA-MM-JJ)"
    )

    class Meta:
        model = Prescription
        fields = []


def _journaliser(user, page, prescriptions, libelle):
    """One access entry per person shown, as the partner's pages do."""
    journaliser_liste(
        user,
        page=page,
        objet="prescription",
        lignes=((p.pk, p.parcours.beneficiaire_id) for p in prescriptions),
        libelle=libelle,
    )


@extend_schema_view(
    list=extend_schema(
        summary="Lister les prescriptions reçues",
        description=(
            "Réservé aux comptes partenaires : les prescriptions adressées aux actions de votre structure, "
            "avec le minimum de données personnelles. Chaque personne affichée est inscrite au journal d'accès."
        ),
    ),
    retrieve=extend_schema(summary="Lire une prescription reçue", description="Une prescription reçue et son état."),
)
class PrescriptionViewSet(LectureSeuleViewSet):
    serializer_class = PrescriptionSerializer
    filterset_class = PrescriptionFilter
    permission_classes = [permissions.IsAuthenticated, PermissionPartenaire]

    def get_queryset(self):
        return (
            Prescription.objects.visible_par(self.request.user)
            .select_related("parcours__beneficiaire", "parcours__mdd", "action")
            .order_by("-date_proposition", "-pk")
        )

    def list(self, request, *args, **kwargs):
        reponse = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        if page is not None:
            _journaliser(request.user, request.path, page.object_list, "API : prescriptions reçues")
        return reponse

    def retrieve(self, request, *args, **kwargs):
        prescription = self.get_object()
        _journaliser(request.user, request.path, [prescription], "API : prescription reçue")
        return Response(self.get_serializer(prescription).data)

    @extend_schema(
        summary="Changer l'état d'une prescription",
        description=(
            "Fait passer la prescription à un nouvel état, selon les transitions permises "
            "(proposée → acceptée ou refusée ; acceptée → entrée, abandon ou refusée ; entrée → sortie ou abandon). "
            "Un refus exige un motif, une sortie un motif de sortie. Refusé (400, message en français) : rien "
            "n'est enregistré."
        ),
        request=ChangementEtatSerializer,
        responses={
            200: PrescriptionSerializer,
            400: OpenApiResponse(description="Transition impossible ou données invalides."),
            404: OpenApiResponse(description="Prescription introuvable ou adressée à une autre structure."),
        },
    )
    @action(detail=True, methods=["post"], url_path="changer-etat")
    def changer_etat(self, request, pk=None):
        prescription = self.get_object()
        demande = ChangementEtatSerializer(data=request.data)
        demande.is_valid(raise_exception=True)
        donnees = demande.validated_data
        try:
            changer_etat(
                prescription,
                donnees["etat"],
                request.user,
                date=donnees.get("date"),
                motif=donnees.get("motif", ""),
                type_sortie=donnees.get("type_sortie", ""),
            )
        except DjangoValidationError as erreur:
            raise ValidationError(
                erreur.message_dict if hasattr(erreur, "error_dict") else {"detail": " ".join(erreur.messages)}
            ) from None
        _journaliser(request.user, request.path, [prescription], "API : changement d'état d'une prescription")
        return Response(self.get_serializer(prescription).data, status=status.HTTP_200_OK)
