"""Helpers every scene shares: the palette and type scale, titles, labelled panels."""
