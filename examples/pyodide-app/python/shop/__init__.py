"""A tiny shop: prices, labels and unit conversions, imported into Pyodide from the bundle."""

from .pricing import Line, total
from .labels import label

__all__ = ["Line", "total", "label"]
