"""Training and development."""
