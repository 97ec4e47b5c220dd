"""The use cases, in the interview's words: create, answer, recover, finish, report.

Each is one transaction on the store; the interviewer is an argument. Pages reach them only
through interview.api.
"""
