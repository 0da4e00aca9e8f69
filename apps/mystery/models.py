"""Mystery shopping."""
