"""Why a ProConnect login stops, each with the French sentence the agent reads."""


class RefusProConnect(Exception):
    """The login is refused; nothing is written but the failed attempt (django-axes)."""

    def __init__(self, message: str, email: str = "", *, bloque: bool = False):
        super().__init__(message)
        self.message = message
        self.email = email
        self.bloque = bloque


class AccesEnAttente(Exception):
    """The person is known to ProConnect, not to the pact: their request waits for an administrator."""

    def __init__(self, email: str, *, refusee: bool = False):
        super().__init__(email)
        self.email = email
        self.refusee = refusee
