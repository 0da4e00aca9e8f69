"""Accreditation and reports."""
