"""What billing templates get: labels, badges, money in cents."""
