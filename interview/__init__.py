"""Rehearse's interview engine: sessions, banks, interviewers, reports (never Streamlit)."""
