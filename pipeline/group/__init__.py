"""Grouping: reports of one happening become one event; mentions of one capital become episodes."""
