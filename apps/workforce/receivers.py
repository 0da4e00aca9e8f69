"""Receivers for other areas' signals: each calls a service and does nothing else."""

from . import services


def open_coordinated_training(sender, version, **kwargs):
    """A new service or a legislation change opens a coordinated training need."""
    services.coordinated_training_open(version=version)
