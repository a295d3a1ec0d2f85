"""Kern: settings, errors, the database, login, text escaping, YAML schema's and the page registry."""
