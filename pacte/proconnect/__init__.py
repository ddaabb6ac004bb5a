"""ProConnect (OpenID Connect, formerly AgentConnect): the agents' login beside the password, on mozilla-django-oidc."""
