"""Order lines and totals, in integer cents so the result is exact."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    name: str
    unit_cents: int
    quantity: int

    @property
    def cents(self) -> int:
        return self.unit_cents * self.quantity


def total(lines: list[Line], discount_percent: int = 0) -> int:
    """Sum of the lines in cents, minus a whole-percent discount rounded half up."""
    gross = sum(line.cents for line in lines)
    return gross - (gross * discount_percent + 50) // 100
