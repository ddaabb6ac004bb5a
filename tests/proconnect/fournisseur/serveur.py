"""Start the test provider: `python -m tests.proconnect.fournisseur.serveur <base sqlite> <redirect URIs…>`.

It binds a free port on 127.0.0.1, prints it on the first line, then serves until killed."""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

CLIENT_ID = "pacte-tests"
CLIENT_SECRET = "secret-du-client-de-test"
IDENTITES = {
    # username: (e-mail, first name, last name)
    "camille": ("camille.dupuy@departement.test", "Camille", "Dupuy"),
    "nouvelle": ("nadia.nouvelle@departement.test", "Nadia", "Nouvelle"),
    "non-verifiee": ("nina.nonverifiee@departement.test", "Nina", "Nonverifiee"),
    "audience-fausse": ("alex.audience@departement.test", "Alex", "Audience"),
    "hors-domaine": ("hugo.horsdomaine@ailleurs.test", "Hugo", "Horsdomaine"),
}


class Serveur(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class Silencieux(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def preparer(redirections):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, (email, prenom, nom) in IDENTITES.items():
        get_user_model().objects.create_user(username, email=email, first_name=prenom, last_name=nom)
    Application.objects.create(
        name="Pacte (tests)",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(f"{base}/proconnect/retour/" for base in redirections),
        post_logout_redirect_uris=" ".join(f"{base}/connexion/" for base in redirections),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main():
    base, redirections = sys.argv[1], sys.argv[2:]
    serveur = make_server("127.0.0.1", 0, lambda environ, start: [], server_class=Serveur, handler_class=Silencieux)
    os.environ.update(
        FOURNISSEUR_PORT=str(serveur.server_port),
        FOURNISSEUR_BASE=base,
        DJANGO_SETTINGS_MODULE="tests.proconnect.fournisseur.reglages",
    )
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup()
    preparer(redirections)
    serveur.set_app(get_wsgi_application())
    print(serveur.server_port, flush=True)
    serveur.serve_forever()


if __name__ == "__main__":
    main()
