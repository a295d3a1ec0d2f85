"""Regio: region codes and levels, geometry, and preparing another gemeente."""
