"""Unit conversions (a subpackage)."""

from .convert import grams_to_ounces
