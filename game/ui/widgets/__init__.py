"""Widgets that show game state; they get state set on them and post messages up."""
