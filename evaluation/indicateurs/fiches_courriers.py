"""The fiches of the «Invitations et convocations» group: invitations by channel, bookings, delay, absences."""

from __future__ import annotations

from courriers.choices import Canal
from evaluation.indicateurs.textes import GEOGRAPHIE, PERSONNE_UNE_FOIS, Fiche

IC = "Invitations et convocations"
JOURS_LOCAUX = "Jours en heure de Paris, du premier au dernier jour de la période, bornes comprises."
INVITATIONS = "Invitations faites dans la période (date de l'invitation, en heure de Paris), aux parcours du périmètre."
ADDITIF = "Les ventilations par MDD et par territoire s'additionnent au total."
TAUX_PAR_MDD = (
    "Par MDD et par territoire, numérateur et dénominateur sont ceux des parcours de la MDD : la somme des "
    "numérateurs et des dénominateurs donne ceux du total, pas la somme des taux."
)


def fiches_courriers() -> list[Fiche]:
    return [*_invitations(), *_canaux(), *_suites()]


def _invitations() -> list[Fiche]:
    return [
        Fiche(
            "invitations_envoyees",
            "Invitations à prendre rendez-vous envoyées",
            IC,
            "invitations",
            population=INVITATIONS,
            numerateur="Nombre d'invitations, quels que soient leurs canaux.",
            observation=JOURS_LOCAUX,
            exclusions="Relances et convocations (ce ne sont pas des invitations).",
            limites="Unité : l'invitation ; une personne invitée deux fois compte deux invitations. " + GEOGRAPHIE,
            ventilation=ADDITIF,
        ),
        Fiche(
            "personnes_invitees",
            "Personnes invitées à prendre rendez-vous",
            IC,
            "personnes",
            population=INVITATIONS,
            numerateur="Nombre de personnes distinctes ayant reçu au moins une invitation.",
            observation=JOURS_LOCAUX,
            exclusions="Relances et convocations.",
            limites=PERSONNE_UNE_FOIS + " Une personne invitée par SMS et par courriel compte une fois.",
            ventilation="Par MDD, une personne compte dans la MDD de chacun de ses parcours invités.",
        ),
    ]


def _canaux() -> list[Fiche]:
    liste = []
    for canal in Canal:
        liste.append(
            Fiche(
                f"invitations_canal_{canal.value}",
                f"Invitations envoyées par {canal.label.lower()}",
                IC,
                "invitations",
                population=INVITATIONS,
                numerateur=f"Invitations dont le message « {canal.label.lower()} » n'a ni échoué ni été rejeté "
                "(un courrier compte dès qu'il est produit ; un message en file d'attente compte, il sera envoyé).",
                observation="Date de l'invitation, dans la période (heure de Paris).",
                exclusions="Messages en échec ou rejetés (adresse ou numéro invalide) ; relances.",
                limites="Une invitation envoyée par SMS et par courriel compte dans chaque canal : la somme des "
                "canaux dépasse le nombre d'invitations.",
                ventilation="Les canaux ne s'additionnent pas au total des invitations.",
            )
        )
    return liste


def _suites() -> list[Fiche]:
    return [
        Fiche(
            "part_invitations_reservees",
            "Part des invitations suivies d'une prise de rendez-vous",
            IC,
            "%",
            population=INVITATIONS,
            numerateur="Invitations à partir desquelles la personne a réservé un créneau (gardé, déplacé ou annulé "
            "depuis).",
            denominateur="Invitations de la période.",
            observation="Date de l'invitation, dans la période ; réservation à la date du calcul.",
            exclusions="Rendez-vous fixés par une convocation.",
            limites="Unité : l'invitation. Une invitation récente peut encore être suivie d'une réservation : "
            "le chiffre d'une période qui vient de finir peut monter.",
            ventilation=TAUX_PAR_MDD,
        ),
        Fiche(
            "delai_invitation_rendez_vous_moyen",
            "Délai moyen de l'invitation au rendez-vous réservé",
            IC,
            "jours",
            population="Invitations de la période suivies d'une réservation toujours valable.",
            numerateur="Somme des durées entre l'invitation et le début du créneau réservé, en jours (à la "
            "décimale près).",
            denominateur="Nombre de ces invitations.",
            observation="Date de l'invitation, dans la période (heure de Paris).",
            exclusions="Réservations annulées ; invitations sans réservation.",
            limites="Unité : l'invitation. Un créneau déplacé compte à sa nouvelle date.",
            ventilation="Non publié par MDD.",
        ),
        Fiche(
            "convocations",
            "Convocations à un rendez-vous de la période",
            IC,
            "convocations",
            population="Convocations dont le rendez-vous est daté dans la période (heure de Paris).",
            numerateur="Nombre de convocations.",
            observation="Date du rendez-vous de la convocation, dans la période.",
            limites="Unité : la convocation ; une personne convoquée deux fois compte deux convocations. " + GEOGRAPHIE,
            ventilation=ADDITIF,
        ),
        Fiche(
            "taux_absence_convocations",
            "Taux d'absence non excusée des personnes convoquées",
            IC,
            "%",
            population="Convocations dont le rendez-vous est daté dans la période et dont la présence est notée.",
            numerateur="Convocations où la personne était absente sans excuse (absence qui peut mener à un "
            "manquement).",
            denominateur="Convocations dont la présence est notée (présent, absent excusé, absent non excusé).",
            observation="Date du rendez-vous de la convocation, dans la période.",
            exclusions="Convocations dont la présence n'est pas notée (rendez-vous encore « prévu » ou supprimé) ; "
            "absences excusées au numérateur.",
            limites="Unité : la convocation.",
            ventilation=TAUX_PAR_MDD,
        ),
    ]
