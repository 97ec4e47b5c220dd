"""Reading a request: the engine it is for, its JSON body, and its camelCase fields as the
Python API's keywords.

Bodies are read by hand, not by a framework model: InterviewAPI checks every argument in
API.md's order, so a missing or malformed body or field gets API.md's 400 envelope from the one
place that knows it (a missing body is a body with no fields: 问题索引不能为空 for an answer).
"""

import json
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Request
from starlette.convertors import Convertor, register_url_convertor

from interview.api import InterviewAPI
from interview.http.replies import Refusal

# The largest honest body is a set file of 5 MB sent as a JSON string; escaping can double it.
MAX_BODY_BYTES = 16 * 1024 * 1024


class _SessionIdConvertor(Convertor[str]):
    """A path segment that may be empty, so /sessions//answers reaches the engine and gets
    API.md's 400 会话ID不能为空 rather than a bare 404 from the router."""

    regex = "[^/]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return str(value)


register_url_convertor("session_id", _SessionIdConvertor())


async def engine(request: Request) -> InterviewAPI:
    return request.app.state.api


async def json_body(request: Request) -> dict:
    """The body's JSON object; {} for a body that is missing, not JSON, or not an object."""
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise Refusal(413, "Request body too large")
    try:
        parsed = json.loads(raw) if raw else None
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than json can read
        return {}
    return parsed if isinstance(parsed, dict) else {}


# What a route declares to get them.
Engine = Annotated[InterviewAPI, Depends(engine)]
Body = Annotated[dict, Depends(json_body)]


def keywords(fields: dict, names: dict[str, str], unknown: str) -> dict:
    """`fields` renamed to the Python API's keywords (`names`: camelCase -> snake_case); a name
    the HTTP API does not spell is refused, as InterviewAPI refuses an unknown keyword."""
    for name in fields:
        if name not in names:
            raise Refusal(400, f"{unknown}: {name}")
    return {names[name]: value for name, value in fields.items()}


def renamed(fields: object, names: dict[str, str]) -> object:
    """A mapping with the camelCase keys in `names` renamed, the others kept; anything else as
    it is (the Python API says what is wrong with it)."""
    if not isinstance(fields, dict):
        return fields
    return {names.get(name, name): value for name, value in fields.items()}


def moment(value: object) -> object:
    """An ISO 8601 date or date-time string as a date or datetime; anything else as it is."""
    if not isinstance(value, str):
        return value
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        return value


def record_id(value: str) -> int | str:
    """A numeric path segment as the int the Python API expects; other text stays text (and
    names no record)."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else value
