import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from config.demo import courriers as courriers_demo
from config.demo import droits as droits_demo
from config.demo import evaluation as evaluation_demo
from config.demo import parcours as parcours_demo
from config.demo import partenaires as partenaires_demo
from config.demo.comptes import COMPTES_DEMO, DEMO_PASSWORD, DemoContexte, creer_comptes_demo, email_demo
from pacte.models import Pacte, Role
from parcours.models import Beneficiaire


class Command(BaseCommand):
    help = "Crée un jeu de démonstration réaliste (déterministe) et un compte de démonstration par rôle."

    def add_arguments(self, parser):
        parser.add_argument("--graine", type=int, default=87, help="Graine du générateur (défaut : 87).")
        parser.add_argument("--beneficiaires", type=int, default=3000, help="Nombre de bénéficiaires.")
        parser.add_argument("--date", default=None, help="Date du jour simulée, AAAA-MM-JJ (défaut : aujourd'hui).")

    def handle(self, *args, graine, beneficiaires, date, **options):
        if not Pacte.objects.exists():
            raise CommandError("Chargez d'abord le référentiel : manage.py charger_referentiel <fichier>.")
        try:
            aujourdhui = datetime.date.fromisoformat(date) if date else datetime.date.today()
        except ValueError:
            raise CommandError(f"Date « {date} » invalide : format attendu AAAA-MM-JJ.") from None

        if Beneficiaire.objects.exists():
            self.stdout.write("Les données de démonstration existent déjà : rien à faire.")
        else:
            debut = time.monotonic()
            self._generer(DemoContexte.cree(graine, aujourdhui, beneficiaires))
            self.stdout.write(f"Données de démonstration créées en {time.monotonic() - debut:.1f} s.")
        self._afficher_comptes()

    @transaction.atomic
    def _generer(self, ctx):
        ctx.comptes = creer_comptes_demo()
        partenaires_demo.generer(ctx)
        ctx.comptes.update(creer_comptes_demo(partenaire=ctx.donnees.get("partenaire_demo")))
        parcours_demo.generer(ctx)
        partenaires_demo.completer(ctx)
        courriers_demo.generer(ctx)
        droits_demo.generer(ctx)
        evaluation_demo.generer(ctx)

    def _afficher_comptes(self):
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD})")
        for role in COMPTES_DEMO:
            self.stdout.write(f"  {Role(role).label:45} {email_demo(role)}")
