"""Alias: the 50120NED importer lives in lib.cijfers.rivm; ``python -m lib.rivm`` still runs its command."""
