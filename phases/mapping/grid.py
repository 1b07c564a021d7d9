"""The influence/interest grid as plain numbers for the SVG template (``mapping/_grid.svg``).

Built on the server so the grid looks the same on screen, on paper and in the PDF. Interest
runs left to right, influence bottom to top, each from 1 to 5; 3 and above is "high", so the
quadrant lines sit between 2 and 3. Stakeholders in the same cell are spread on a small
sub-grid so no point hides another; while the points carry names (a few stakeholders), up to
six in a cell are stacked one above the other, so no name runs over another.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

#: sector colours: distinct in print and for the common colour-vision deficiencies
#: (Okabe–Ito palette), each sector also with its own marker shape
SECTOR_STYLE = {
    "government": ("#0072B2", "circle"),
    "private_sector": ("#D55E00", "square"),
    "civil_society": ("#009E73", "diamond"),
    "academia": ("#CC79A7", "triangle"),
    "media": ("#E69F00", "circle"),
    "community": ("#56B4E9", "square"),
    "international": ("#555555", "diamond"),
}

#: while names are shown, this many stakeholders in one cell still fit one above the other
STACKED_UP_TO = 6


@dataclass
class Point:
    x: float
    y: float
    number: int
    label: str
    sector: str
    colour: str
    shape: str


@dataclass
class Grid:
    width: int
    height: int
    left: int
    top: int
    size: int
    cell: float
    points: list[Point]
    #: show names beside points (few stakeholders) or only their numbers
    with_names: bool

    @property
    def split(self) -> float:
        """Where the quadrant lines are: between the values 2 and 3."""
        return 2 * self.cell

    def tick(self, value: int) -> float:
        return (value - 0.5) * self.cell

    def pct(self, x: float, y: float) -> tuple[float, float]:
        """A point of the plot (plot coordinates) as percentages of the whole picture, for
        labels laid over it in print (WeasyPrint draws SVG text without right-to-left shaping)."""
        return (round(100 * (self.left + x) / self.width, 2), round(100 * (self.top + y) / self.height, 2))


def build(stakeholders, *, inside: bool, size: int = 500, names_up_to: int = 30) -> Grid:
    """``stakeholders`` as loaded; ``inside`` chooses the privacy view of the labels."""
    left, top = 56, 16
    cell = size / 5
    stakeholders = list(stakeholders)
    with_names = len(stakeholders) <= names_up_to
    by_cell = defaultdict(list)
    for s in stakeholders:
        by_cell[(min(max(s.interest, 1), 5), min(max(s.influence, 1), 5))].append(s)
    points = []
    for (interest, influence), group in sorted(by_cell.items()):
        # names run to the right of their point: side by side, one would cover the next
        columns = 1 if with_names and len(group) <= STACKED_UP_TO else math.ceil(math.sqrt(len(group)))
        rows = math.ceil(len(group) / columns)
        step_x = cell / (columns + 1)
        step_y = cell / (rows + 1)
        for index, s in enumerate(group):
            column, row = index % columns, index // columns
            x = (interest - 1) * cell + step_x * (column + 1)
            y = (5 - influence) * cell + step_y * (row + 1)
            colour, shape = SECTOR_STYLE.get(s.sector, ("#333333", "circle"))
            points.append(Point(round(x, 1), round(y, 1), s.number, s.shown_as(inside), s.sector, colour, shape))
    return Grid(width=left + size + 16, height=top + size + 48, left=left, top=top, size=size, cell=cell,
                points=points, with_names=with_names)
