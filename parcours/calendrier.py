"""Dates of the app's day: today in local time, local midnight, adding months within the calendar."""

import datetime

from django.utils import timezone


def aujourdhui() -> datetime.date:
    return timezone.localdate()


def debut_du_jour(jour: datetime.date) -> datetime.datetime:
    """Local midnight of `jour`, aware: a range of datetimes from it keeps the (parcours, date) indexes usable, where
    `date__date` casts every row."""
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time.min))


def ajouter_mois(jour: datetime.date, mois: int) -> datetime.date:
    annee, index = divmod(jour.month - 1 + mois, 12)
    annee += jour.year
    # Past the ends of the calendar (a date typed as 9999-12-31): the bound is the calendar's end.
    if annee > datetime.MAXYEAR:
        return datetime.date.max
    if annee < datetime.MINYEAR:
        return datetime.date.min
    for dernier in (31, 30, 29, 28):
        try:
            return jour.replace(year=annee, month=index + 1, day=min(jour.day, dernier))
        except ValueError:
            continue
    raise AssertionError("date impossible")
