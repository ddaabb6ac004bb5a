"""Who may do what, as named predicates on the user. Each app's permissions module builds on these.

A predicate takes the user (anonymous included) and answers True or False; it never queries more than the
user's own row. What a user may see among the records is the querysets' job (`visible_par`, `gerees_par`).
"""

from django.conf import settings


def peut_changer_mot_de_passe(user) -> bool:
    """The password login is on and the agent has a password of ours (one who came by ProConnect has none)."""
    return bool(settings.CONNEXION_PAR_MOT_DE_PASSE and est_actif(user) and user.has_usable_password())


def est_actif(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def est_administrateur(user) -> bool:
    return est_actif(user) and user.est_administrateur
