"""Kaart: the wijk/buurt choropleth (classes, colours, deck spec)."""
