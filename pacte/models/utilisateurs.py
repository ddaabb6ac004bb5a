"""Agents and partners who log in, with the role and scope that every queryset reads."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    TRAVAILLEUR_SOCIAL = "travailleur_social", "Travailleur social (référent de parcours)"
    RESPONSABLE_MDD = "responsable_mdd", "Responsable de MDD"
    CHARGE_ORIENTATION = "charge_orientation", "Chargé d'orientation"
    REFERENT_THEMATIQUE = "referent_thematique", "Référent thématique"
    PARTENAIRE = "partenaire", "Partenaire"
    ADMINISTRATEUR = "administrateur", "Administrateur"


ROLES_MDD = (Role.TRAVAILLEUR_SOCIAL, Role.RESPONSABLE_MDD)
ROLES_DONNEES_NOMINATIVES = (*ROLES_MDD, Role.CHARGE_ORIENTATION)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMINISTRATEUR)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("adresse électronique", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    mdds = models.ManyToManyField(
        "pacte.MDD",
        blank=True,
        related_name="agents",
        verbose_name="MDD",
        help_text="Travailleurs sociaux et responsables de MDD : les maisons dont ils suivent les personnes.",
    )
    thematiques = models.ManyToManyField(
        "pacte.Thematique",
        blank=True,
        related_name="referents",
        verbose_name="thématiques",
        help_text="Référents thématiques : les thématiques dont ils animent le groupe de travail.",
    )
    partenaire = models.ForeignKey(
        "partenaires.Partenaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="utilisateurs",
        help_text="Utilisateurs partenaires : la structure qu'ils représentent.",
    )
    # The ProConnect subject, kept at the first ProConnect login: it names the person when the e-mail changes.
    proconnect_sub = models.CharField(
        "identifiant ProConnect", max_length=255, unique=True, null=True, blank=True, editable=False
    )
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration Django", default=False)
    date_joined = models.DateTimeField("date de création", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partenaire") | models.Q(partenaire__isnull=False),
                name="utilisateur_partenaire_a_une_structure",
                violation_error_message="Un utilisateur partenaire doit être rattaché à une structure.",
            ),
        ]

    def __str__(self):
        return self.libelle(self.first_name, self.last_name, self.email)

    @staticmethod
    def libelle(first_name, last_name, email) -> str:
        """str() from the column values (lists that read values_list print the same)."""
        return f"{first_name} {last_name}".strip() or email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def est_administrateur(self) -> bool:
        return self.is_active and (self.role == Role.ADMINISTRATEUR or self.is_superuser)

    @property
    def est_agent_mdd(self) -> bool:
        return self.role in ROLES_MDD

    @property
    def est_charge_orientation(self) -> bool:
        return self.role == Role.CHARGE_ORIENTATION

    @property
    def est_referent_thematique(self) -> bool:
        return self.role == Role.REFERENT_THEMATIQUE

    @property
    def est_partenaire(self) -> bool:
        return self.role == Role.PARTENAIRE

    @property
    def voit_donnees_nominatives(self) -> bool:
        return self.is_active and self.role in ROLES_DONNEES_NOMINATIVES
