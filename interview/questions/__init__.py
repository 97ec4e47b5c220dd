"""The questions a session asks: the banks in data/, custom questions, the resume's project."""
