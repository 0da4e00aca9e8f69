"""Staffing and savings."""
