"""The language-model interviewer; importing this package needs no openai."""
