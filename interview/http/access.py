"""Who may call what over HTTP: the one place the server decides (DESIGN.md, "Who may see what").

- A session's id is its capability: whoever holds it may use that session's endpoints, as a
  session link opens that one interview in the app. Starting an interview and listing the
  tracks are open to anyone, as the start page is.
- Coach endpoints need ``Authorization: Bearer <token>``: a token a signed-in coach made on the
  coach workspace's API tokens page, and nobody has revoked. Everything a token does is
  recorded under its coach and its name (the ``by`` these dependencies return).
- Deleting a session with a token records the deletion as the token's coach's; a token there
  must be live, so a client that says it is a coach and is not is told so, never ignored.
"""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from interview.http.replies import Refusal

bearer = HTTPBearer(
    scheme_name="coachToken",
    description="A coach's API token, made on the coach workspace's API tokens page.",
    auto_error=False,  # a missing token is our 401 envelope, not the framework's reply
)
_Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def coach(request: Request, credentials: _Credentials) -> str:
    """Whom the record names for this request: the token's coach and name; else 401."""
    if credentials is None:
        raise Refusal(401, "API token required")
    holder = request.app.state.api.coach.api_token_holder(credentials.credentials)
    if holder["code"] != 200:
        raise Refusal(holder["code"], holder["message"])
    return holder["data"]["by"]


def coach_if_any(request: Request, credentials: _Credentials) -> str | None:
    """The coach behind a token if the request carries one (their actions are recorded)."""
    return None if credentials is None else coach(request, credentials)


# What a route declares to get them.
Coach = Annotated[str, Depends(coach)]
CoachIfAny = Annotated[str | None, Depends(coach_if_any)]
