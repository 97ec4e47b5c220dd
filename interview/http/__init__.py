"""The interview engine over HTTP (FastAPI): API.md's operations at its paths, coach endpoints
behind API tokens, and an OpenAPI document at /openapi.json.

``server.py`` builds the app, ``interviews.py`` and ``coaching.py`` are its routes,
``access.py`` decides who may call what, ``reading.py`` and ``replies.py`` translate requests
and envelopes, and ``docs.py`` (with ``schemas.py`` and ``examples.py``) writes the document.
"""

from interview.http.server import create_app, serve

__all__ = ["create_app", "serve"]
