"""Who may do what, as named predicates on the user. Each app's permissions module builds on these.

A predicate takes the user (anonymous included) and answers True or False; it never queries more than the
user's own row. What a user may see among the records is the querysets' job (`visible_par`, `gerees_par`).
"""


def est_actif(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def est_administrateur(user) -> bool:
    return est_actif(user) and user.est_administrateur
