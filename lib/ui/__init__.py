"""UI: the only layer that touches Streamlit (cached loaders, shared widgets, page parts)."""
