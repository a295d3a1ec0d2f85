"""Briefing: the council briefing's content, slides and PDF."""
