"""The contract of API.md: InterviewAPI checks arguments in its order and returns envelopes.

``service.py`` is the interview (API.md's operations and the pages' extras), ``coach.py`` what
coaches do (``InterviewAPI.coach``), ``envelopes.py`` the {code, message, data} every call returns.
"""

from interview.api.service import InterviewAPI

__all__ = ["InterviewAPI"]
