"""Aanbod: the activity catalogue (sociale kaart), its vocabulary, map and coverage."""
