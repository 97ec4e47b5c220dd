"""How an answer reads and what it is worth: text features, non-answers, grader-aimed text,
and the published rubric (its weights, bands and arithmetic)."""
