"""Wijk: one wijk's profile, its charts and what it means for the plan."""
