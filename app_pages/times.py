"""Times as the reader reads them: in their browser's timezone (UTC when it tells none).
No pandas or Streamlit, so any page may use it without their import cost."""

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def browser_timezone(name: str | None) -> tzinfo:
    """The browser's timezone when it told us a valid one, else UTC."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_time(moment: str, zone: tzinfo) -> datetime:
    return datetime.fromisoformat(moment).astimezone(zone)


__all__ = ["browser_timezone", "local_time"]
