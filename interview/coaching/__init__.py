"""Coaches: who they are, their comments and score overrides, the cohort, calibration, samples."""
