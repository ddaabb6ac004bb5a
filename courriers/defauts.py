"""The templates a département starts from, in French, each to be reviewed by its administrator.

The convocation carries the mention the law requires of a convocation whose absence can lead to a sanction
(CASF art. L262-37 in force since 1 January 2025, and the décret of 30 May 2025 on the suspension-remobilisation):
the person is told that a sanction may follow an absence without legitimate reason, that no decision is taken
before they have been told the facts and could present their observations, with a person of their choice, and how
to excuse themselves.
"""

SIGNATURE = "Le service insertion de {{ mdd.nom }}\n{{ mdd.telephone }}"

TEXTES = {
    "invitation": {
        "objet": "Votre rendez-vous pour l'accompagnement du RSA",
        "corps": (
            "{{ personne.civilite }},\n\n"
            "Vous êtes bénéficiaire du revenu de solidarité active. Pour construire avec vous votre parcours "
            "d'insertion, {{ mdd.nom }} vous invite à un premier rendez-vous.\n\n"
            "Choisissez le jour et l'heure qui vous conviennent avant le {{ invitation.date_limite }} à "
            "l'adresse suivante :\n{{ lien }}\n\n"
            "Si vous n'avez pas accès à internet, appelez-nous au {{ mdd.telephone }} : nous fixerons le "
            "rendez-vous avec vous.\n\n"
            "Nous vous prions d'agréer, {{ personne.civilite }}, nos salutations distinguées.\n\n" + SIGNATURE
        ),
        "texte_sms": (
            "{{ departement.nom }} - RSA : choisissez votre rendez-vous avec {{ mdd.nom }} avant le "
            "{{ invitation.date_limite }} : {{ lien }} . Aide : {{ mdd.telephone }}. STOP au 36111"
        ),
    },
    "relance": {
        "objet": "Rappel : votre rendez-vous pour l'accompagnement du RSA",
        "corps": (
            "{{ personne.civilite }},\n\n"
            "Vous n'avez pas encore choisi votre rendez-vous avec {{ mdd.nom }}. Il vous reste jusqu'au "
            "{{ invitation.date_limite }} pour le faire :\n{{ lien }}\n\n"
            "Vous pouvez aussi nous appeler au {{ mdd.telephone }}.\n\n" + SIGNATURE
        ),
        "texte_sms": (
            "{{ departement.nom }} - RSA : rappel, choisissez votre rendez-vous avant le "
            "{{ invitation.date_limite }} : {{ lien }} . STOP au 36111"
        ),
    },
    "confirmation": {
        "objet": "Votre rendez-vous est confirmé",
        "corps": (
            "{{ personne.civilite }},\n\n"
            "Votre rendez-vous est confirmé le {{ rdv.date }} à {{ rdv.heure }}, {{ rdv.lieu }}, {{ rdv.adresse }}."
            "\n\nPour l'annuler ou le déplacer : {{ lien }}\n\n" + SIGNATURE
        ),
        "texte_sms": "RSA : rendez-vous confirmé le {{ rdv.date }} à {{ rdv.heure }}, {{ rdv.lieu }}. {{ lien }}",
    },
    "convocation": {
        "objet": "Convocation à un rendez-vous obligatoire",
        "corps": (
            "{{ personne.civilite }},\n\n"
            "Dans le cadre de votre accompagnement au titre du revenu de solidarité active, vous êtes convoqué(e) "
            "le {{ rdv.date }} à {{ rdv.heure }}, {{ rdv.lieu }}, {{ rdv.adresse }} ({{ rdv.nature }}).\n\n"
            "Ce rendez-vous est obligatoire. En application de l'article L. 262-37 du code de l'action sociale "
            "et des familles, si vous ne vous y présentez pas sans motif légitime, le président du conseil "
            "départemental peut décider de suspendre tout ou partie du versement de votre revenu de solidarité "
            "active (suspension-remobilisation, décret du 30 mai 2025). Aucune décision ne sera prise sans que "
            "vous ayez été informé(e) des faits qui vous sont reprochés et mis(e) en mesure de présenter vos "
            "observations, accompagné(e), si vous le souhaitez, d'une personne de votre choix.\n\n"
            "Si vous ne pouvez pas venir, prévenez-nous avant le rendez-vous au {{ mdd.telephone }} en indiquant "
            "le motif et, si possible, en joignant un justificatif : une absence justifiée n'entraîne pas de "
            "sanction et un autre rendez-vous vous sera proposé.\n\n"
            "Nous vous prions d'agréer, {{ personne.civilite }}, nos salutations distinguées.\n\n" + SIGNATURE
        ),
        "texte_sms": (
            "{{ departement.nom }} - RSA : vous êtes convoqué(e) le {{ rdv.date }} à {{ rdv.heure }}, "
            "{{ rdv.lieu }}. Rendez-vous obligatoire (courrier envoyé). Empêché(e) ? {{ mdd.telephone }}"
        ),
    },
    "rappel_convocation": {
        "objet": "Rappel : votre convocation de demain",
        "corps": (
            "{{ personne.civilite }},\n\n"
            "Nous vous rappelons votre rendez-vous obligatoire le {{ rdv.date }} à {{ rdv.heure }}, {{ rdv.lieu }}, "
            "{{ rdv.adresse }}. En cas d'empêchement, prévenez-nous au {{ mdd.telephone }}.\n\n" + SIGNATURE
        ),
        "texte_sms": (
            "RSA : rappel de votre rendez-vous obligatoire le {{ rdv.date }} à {{ rdv.heure }}, {{ rdv.lieu }}. "
            "Empêché(e) ? {{ mdd.telephone }}"
        ),
    },
    "notification_orientation": {
        "objet": "Notification de votre orientation",
        "corps": (
            "{{ personne.civilite }},\n\n"
            "Par décision du {{ orientation.date }}, le président du conseil départemental vous a orienté(e) vers "
            "un accompagnement {{ orientation.type }}, assuré par l'organisme référent suivant : "
            "{{ orientation.organisme }}.\n\n"
            "Cet organisme vous proposera un rendez-vous pour signer avec vous votre contrat d'engagement. Votre "
            "référent unique sera {{ referent.nom }}.\n\n"
            "Vous pouvez contester cette décision dans un délai de deux mois à compter de sa réception, par un "
            "recours administratif auprès du président du conseil départemental, préalable obligatoire à tout "
            "recours devant le tribunal administratif.\n\n" + SIGNATURE
        ),
        "texte_sms": "",
    },
    "contrat_engagement": {
        "objet": "Contrat d'engagement",
        "corps": (
            "Entre {{ personne.civilite }} {{ personne.prenom }} {{ personne.nom }}, numéro allocataire "
            "{{ personne.numero_allocataire }}, et {{ orientation.organisme }}, représenté par "
            "{{ referent.nom }}, référent unique.\n\n"
            "Durée : du {{ contrat.debut }} au {{ contrat.fin }}.\n\n"
            "Objectifs :\n{{ contrat.objectifs }}\n\n"
            "Plan d'action : {{ contrat.heures }} heures d'activité par semaine, selon le plan convenu avec votre "
            "référent.\n\n"
            "Le non-respect sans motif légitime des engagements de ce contrat peut conduire à une "
            "suspension-remobilisation du revenu de solidarité active (article L. 262-37 du code de l'action "
            "sociale et des familles), après que vous avez pu présenter vos observations.\n\n"
            "Fait à ................................, le ........................\n\n"
            "Signature de la personne :                                Signature du référent :"
        ),
        "texte_sms": "",
    },
    "decision": {
        "objet": "Décision concernant votre revenu de solidarité active",
        "corps": (
            "{{ personne.civilite }},\n\n"
            "[Texte de la décision à rédiger par le département.]\n\n"
            "Vous pouvez contester cette décision dans un délai de deux mois à compter de sa réception.\n\n" + SIGNATURE
        ),
        "texte_sms": "",
    },
}
