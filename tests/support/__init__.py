"""Helpers the tests share with scripts/load.py: a served app and sessions against it."""
