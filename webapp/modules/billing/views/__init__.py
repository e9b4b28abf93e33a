"""What billing's templates get, one file per frontend: view models, labels, badges, messages."""
