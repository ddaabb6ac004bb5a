"""Daily round (cron, every morning): reminders of invitations, expiries, reminders of convocations, then the
queue. With --file-seulement, only the queue (cron every minute, or the db_worker's self-scheduling task)."""

from django.core.management.base import BaseCommand

from courriers import convocations, envoi, invitations


class Command(BaseCommand):
    help = "Relances, expirations, rappels de convocation, puis envoi des messages en attente."

    def add_arguments(self, parser):
        parser.add_argument("--file-seulement", action="store_true", help="Envoyer la file sans relancer.")

    def handle(self, *args, file_seulement, **options):
        if not file_seulement:
            self.stdout.write(f"Relances d'invitation : {invitations.relancer()}")
            self.stdout.write(f"Invitations expirées : {invitations.expirer()}")
            self.stdout.write(f"Rappels de convocation : {convocations.rappeler()}")
        bilan = envoi.traiter_file()
        self.stdout.write("Envoi : " + (", ".join(f"{k} {v}" for k, v in sorted(bilan.items())) or "rien à envoyer"))
