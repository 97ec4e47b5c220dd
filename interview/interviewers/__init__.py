"""Interviewers: the built-in one (no model) and the language-model one, behind one Protocol."""
