"""Servers the tests start on 127.0.0.1: a small SMTP server, and a fake SMS provider speaking Brevo's API."""

import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Smtp(socketserver.StreamRequestHandler):
    def _dire(self, texte):
        self.wfile.write(texte.encode() + b"\r\n")

    def handle(self):
        self._dire("220 local ESMTP")
        donnees, lignes, destinataires = False, [], []
        while line := self.rfile.readline():
            if donnees:
                if line == b".\r\n":
                    donnees = False
                    self.server.recus.append((destinataires, b"".join(lignes)))
                    lignes = []
                    self._dire("250 OK")
                else:
                    lignes.append(line[1:] if line.startswith(b"..") else line)
                continue
            commande = line[:4].upper()
            if commande in (b"EHLO", b"HELO"):
                self._dire("250 local")
            elif commande == b"MAIL":
                destinataires = []
                self._dire("250 OK")
            elif commande == b"RCPT":
                if b"rebond" in line:
                    self._dire("550 Boite inconnue")
                else:
                    destinataires.append(line.decode().split(":", 1)[1].strip(" <>\r\n"))
                    self._dire("250 OK")
            elif commande == b"DATA":
                donnees = True
                self._dire("354 Fin par un point")
            elif commande == b"QUIT":
                self._dire("221 Au revoir")
                return
            else:
                self._dire("250 OK")


class ServeurSmtp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Smtp)
        self.recus = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self):
        return self.server_address[1]


class _Brevo(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802 - the name http.server calls
        corps = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        serveur = self.server
        serveur.requetes.append({"chemin": self.path, "cle": self.headers.get("api-key"), "json": json.loads(corps)})
        code = serveur.reponses.pop(0) if serveur.reponses else 201
        reponse = json.dumps(
            {"reference": "ref", "messageId": 1000 + len(serveur.requetes)}
            if code < 300
            else {"code": "erreur", "message": "refusé"}
        ).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reponse)))
        self.end_headers()
        self.wfile.write(reponse)


class FauxBrevo(ThreadingHTTPServer):
    """Answers POST /v3/transactionalSMS/sms like Brevo; `reponses` queues the status codes of the next answers."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Brevo)
        self.requetes, self.reponses = [], []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"
