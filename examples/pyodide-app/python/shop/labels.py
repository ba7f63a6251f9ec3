# -*- coding: latin-1 -*-
"""Labels with accented names: this file is Latin-1, declared by its coding cookie."""

SECTION = "§"

NAMES = {
    "creme": "Crème brûlée",
    "cafe": "Café au lait",
    "gateau": "Gâteau à l'orange",
}


def label(key: str, cents: int) -> str:
    return f"{NAMES[key]}: {cents // 100},{cents % 100:02d} EUR"
