"""Builds CAF/MSA XML flows ("flux bénéficiaires") for the tests, in the shape of the national schema."""

BLOCS_DE_SUSPENSION = {
    "3": ("SuspensionDroit", "MOTISUSDRORSA", "DDSUSDRORSA"),
    "4": ("SuspensionVersement", "MOTISUSVERSRSA", "DDSUSVERSRSA"),
    "5": ("FinDroit", "MOTICLORSA", "DTCLORSA"),
    "6": ("FinDroitMoisAnterieur", "MOTICLORSA", "DTCLORSA"),
}


def personne(nom="MARTIN", prenom="Claire", dtnai="1985-03-14", sexe="2", role="DEM"):
    return (
        f"<Personne><Identification><NOM>{nom}</NOM><NOMNAI>{nom}</NOMNAI><PRENOM>{prenom}</PRENOM>"
        f"<NOMCOMNAI>LIMOGES</NOMCOMNAI><DTNAI>{dtnai}</DTNAI><SEXE>{sexe}</SEXE></Identification>"
        "<DossierCAF><TOPRESPDOS>1</TOPRESPDOS><DDRATDOS>2020-01-01</DDRATDOS></DossierCAF>"
        "<Prestations><NATPREST>PFA</NATPREST><ROLEPERS>DEM</ROLEPERS><TOPCHAPERS>0</TOPCHAPERS></Prestations>"
        f"<Prestations><NATPREST>RSA</NATPREST><ROLEPERS>{role}</ROLEPERS><TOPCHAPERS>1</TOPCHAPERS></Prestations>"
        "<MontantCalculDroitRSAPersonne><TOPPERSDRODEVORSA>1</TOPPERSDRODEVORSA></MontantCalculDroitRSAPersonne>"
        "</Personne>"
    )


def foyer(
    *membres,
    matricule="000000001234567",
    organisme="CAF",
    etat="2",
    motif="",
    date_etat="",
    commune="87085",
    date_demande="2025-10-01",
):
    situation = f"<EtatDossierRSA><ETATDOSRSA>{etat}</ETATDOSRSA></EtatDossierRSA>"
    if etat in BLOCS_DE_SUSPENSION and (motif or date_etat):
        bloc, champ_motif, champ_date = BLOCS_DE_SUSPENSION[etat]
        situation += f"<{bloc}><{champ_motif}>{motif}</{champ_motif}><{champ_date}>{date_etat}</{champ_date}></{bloc}>"
    return (
        "<InfosFoyerRSA><IdentificationRSA>"
        f"<Organisme><FONORG>{organisme}</FONORG><NUMORG>871</NUMORG><MATRICULE>{matricule}</MATRICULE></Organisme>"
        "<Partenaire><TYPEPARTE>CG</TYPEPARTE><IDEPARTE>087</IDEPARTE></Partenaire>"
        f"<DemandeRSA><DTDEMRSA>{date_demande}</DTDEMRSA><NUMDEMRSA>12345678901</NUMDEMRSA></DemandeRSA>"
        "</IdentificationRSA>"
        + "".join(membres or [personne()])
        + "<DonneesAdministratives><Adresse><NOMVOIE>RUE DES ARENES</NOMVOIE>"
        f"<NUMCOM>{commune}</NUMCOM><CODEPOS>87000</CODEPOS><NOMCOM>LIMOGES</NOMCOM></Adresse>"
        "</DonneesAdministratives>"
        f"<PrestationRSA><SituationDossierRSA>{situation}</SituationDossierRSA>"
        "<DetailDroitRSA><TroncCommunDroitRSA><TOPSANSDOMFIXE>0</TOPSANSDOMFIXE><ORIDEMRSA>DEM</ORIDEMRSA>"
        "</TroncCommunDroitRSA></DetailDroitRSA></PrestationRSA></InfosFoyerRSA>"
    )


def flux(*foyers, dtref="2025-11-01", prologue='<?xml version="1.0" encoding="UTF-8"?>\n') -> bytes:
    return (
        prologue + "<Racine><IdentificationFlux><APPLIEME>CRI</APPLIEME><NUMVERSIONAPPLIEME>1.0</NUMVERSIONAPPLIEME>"
        f"<TYPEFLUX>M</TYPEFLUX><NATFLUX>B</NATFLUX><DTCREAFLUX>{dtref}</DTCREAFLUX>"
        f"<HEUCREAFLUX>01:00:00</HEUCREAFLUX><DTREF>{dtref}</DTREF></IdentificationFlux>\n"
        + "\n".join(foyers)
        + "\n<TransmissionFlux><NBENVOIS>1</NBENVOIS></TransmissionFlux></Racine>\n"
    ).encode("utf-8")
