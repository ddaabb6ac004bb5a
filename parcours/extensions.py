"""Hooks through which an app above parcours adds to the parcours page, without parcours importing it.

An app registers here from its AppConfig.ready() (courriers: the messages sent to the person on the timeline, the
links to invite or convene). The events stay in their own app, read when the page is drawn: a message whose
status changes (sent, delivered, bounced) is shown as it is now, not as a copy written when it left.
"""

_sources_chronologie = []
_liens_parcours = []


def ajouter_source_chronologie(source) -> None:
    """`source(parcours)` returns timeline Elements (parcours.timeline.Element), in a fixed number of queries."""
    if source not in _sources_chronologie:
        _sources_chronologie.append(source)


def ajouter_liens_parcours(source) -> None:
    """`source(parcours, user)` returns [{"label": …, "url": …}] of actions offered on the parcours page."""
    if source not in _liens_parcours:
        _liens_parcours.append(source)


def elements_externes(parcours) -> list:
    return [element for source in _sources_chronologie for element in source(parcours)]


def liens_parcours(parcours, user) -> list[dict]:
    return [lien for source in _liens_parcours for lien in source(parcours, user)]
