"""Command-line tools: `flask orion …`, `flask seed …`, `flask translate …`, `flask rq …`."""
