"""Recognition and staff voice."""
