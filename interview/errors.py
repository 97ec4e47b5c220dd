"""The one domain error: a rule was broken, with the code and message API.md gives for it."""


class InterviewError(Exception):
    """Raised where a rule lives; only ``interview.api`` turns it into an envelope."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
