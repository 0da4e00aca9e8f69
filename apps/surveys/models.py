"""Satisfaction surveys."""
