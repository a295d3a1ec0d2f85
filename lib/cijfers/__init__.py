"""Cijfers: the loneliness table (indicators, figures, loaders, sources) and the RIVM import."""
