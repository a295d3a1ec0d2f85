"""Meer Samen: the domain of the loneliness dashboard, importable without Streamlit (except lib.ui.basis)."""
