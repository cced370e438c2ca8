"""Synthetic demo city."""
