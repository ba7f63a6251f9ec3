"""Conversions; this file has CRLF line endings."""

GRAMS_PER_OUNCE = 28.349523125


def grams_to_ounces(grams: float) -> float:
    return round(grams / GRAMS_PER_OUNCE, 2)
