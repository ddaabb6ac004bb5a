"""API tokens: only a digest is stored, the key is shown once at creation, and every token expires.

A stolen database (or an administrator's screen) gives no usable key. The key has 160 random bits, so an
unsalted SHA-256 is enough (a slow hash protects guessable passwords, not random keys) and keeps the lookup
one indexed query. The first characters are kept in clear to tell tokens apart in the admin.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

LONGUEUR_PREFIXE = 8


def empreinte_de(cle: str) -> str:
    return hashlib.sha256(cle.encode()).hexdigest()


class JetonAPI(models.Model):
    utilisateur = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jeton_api", verbose_name="utilisateur"
    )
    prefixe = models.CharField("début du jeton", max_length=LONGUEUR_PREFIXE)
    empreinte = models.CharField("empreinte SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expire_le = models.DateTimeField("expire le")

    class Meta:
        verbose_name = "jeton d'accès à l'API"
        verbose_name_plural = "jetons d'accès à l'API"

    def __str__(self):
        return f"{self.prefixe}… ({self.utilisateur})"

    @property
    def est_expire(self) -> bool:
        return self.expire_le <= timezone.now()

    @classmethod
    def creer(cls, utilisateur, *, duree_jours: int | None = None) -> tuple["JetonAPI", str]:
        """Replace the user's token by a new one; return it with its key, which is never stored."""
        duree = settings.PACTE_JETON_API_DUREE_JOURS if duree_jours is None else duree_jours
        cle = secrets.token_hex(20)
        cls.objects.filter(utilisateur=utilisateur).delete()
        maintenant = timezone.now()
        jeton = cls.objects.create(
            utilisateur=utilisateur,
            prefixe=cle[:LONGUEUR_PREFIXE],
            empreinte=empreinte_de(cle),
            created_at=maintenant,
            expire_le=maintenant + datetime.timedelta(days=duree),
        )
        return jeton, cle
