"""Persona's: the fictive Capellenaren and how they are matched to the offer."""
