"""What the page shows: uses every module of the package."""

# Modules, not names from them: after a hot update reloads one of them, the next call sees the new code.
from . import labels, pricing
from .units import convert


def summary() -> dict:
    lines = [pricing.Line("creme", 450, 3), pricing.Line("cafe", 320, 2), pricing.Line("gateau", 1275, 1)]
    return {
        "labels": [labels.label(line.name, line.cents) for line in lines],
        "total_cents": pricing.total(lines, discount_percent=10),
        "section_sign": labels.SECTION,
        "ounces": convert.grams_to_ounces(250),
    }
