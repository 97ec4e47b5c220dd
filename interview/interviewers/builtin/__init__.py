"""The built-in interviewer: deterministic, no API key, reads English and Chinese answers."""
