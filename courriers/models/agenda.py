"""The agenda of the MDD sites: créneaux (an agent's slot, or a collective session with places) and the bookings
that fill a rendez-vous of the parcours."""

from django.conf import settings
from django.db import models

from courriers.choices import NatureCreneau
from courriers.querysets import CreneauQuerySet


class Creneau(models.Model):
    site = models.ForeignKey("pacte.Site", on_delete=models.PROTECT, related_name="creneaux")
    nature = models.CharField(max_length=20, choices=NatureCreneau.choices, default=NatureCreneau.INDIVIDUEL)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="creneaux",
        verbose_name="professionnel",
    )
    debut = models.DateTimeField("début")
    fin = models.DateTimeField()
    capacite = models.PositiveSmallIntegerField("nombre de places", default=1)
    intitule = models.CharField("intitulé", max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CreneauQuerySet.as_manager()

    class Meta:
        verbose_name = "créneau"
        ordering = ["debut", "pk"]
        indexes = [models.Index(fields=["site", "debut"], name="creneau_site_debut")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fin__gt=models.F("debut")),
                name="creneau_fin_apres_debut",
                violation_error_message="La fin du créneau doit suivre son début.",
            ),
            models.CheckConstraint(
                condition=models.Q(capacite__gte=1),
                name="creneau_au_moins_une_place",
                violation_error_message="Un créneau a au moins une place.",
            ),
            # An individual slot is one agent's hour with one person.
            models.CheckConstraint(
                condition=~models.Q(nature="individuel") | (models.Q(capacite=1) & models.Q(agent__isnull=False)),
                name="creneau_individuel_une_place_un_agent",
                violation_error_message="Un créneau individuel a une seule place et un professionnel.",
            ),
        ]

    def __str__(self):
        return f"{self.get_nature_display()} du {self.debut:%d/%m/%Y à %H:%M}"


class Reservation(models.Model):
    """A place taken in a créneau. `place` numbers the places 1..capacité: the partial unique constraint on
    (créneau, place) is what makes two bookings of the last place at the same instant impossible, whatever the
    database and the isolation level; the service also locks the créneau row to pick the first free place."""

    creneau = models.ForeignKey(Creneau, on_delete=models.PROTECT, related_name="reservations", verbose_name="créneau")
    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="reservations")
    rendez_vous = models.OneToOneField(
        "parcours.RendezVous", on_delete=models.SET_NULL, null=True, blank=True, related_name="reservation"
    )
    place = models.PositiveSmallIntegerField()
    annulee_le = models.DateTimeField("annulée le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réservation"
        ordering = ["creneau__debut", "place"]
        constraints = [
            models.UniqueConstraint(
                fields=["creneau", "place"],
                condition=models.Q(annulee_le__isnull=True),
                name="reservation_une_personne_par_place",
                violation_error_message="Cette place du créneau est déjà prise.",
            ),
            models.UniqueConstraint(
                fields=["creneau", "parcours"],
                condition=models.Q(annulee_le__isnull=True),
                name="reservation_une_par_personne_et_creneau",
                violation_error_message="Cette personne a déjà une place dans ce créneau.",
            ),
            models.CheckConstraint(condition=models.Q(place__gte=1), name="reservation_place_positive"),
        ]

    def __str__(self):
        return f"Place {self.place} du {self.creneau}"
