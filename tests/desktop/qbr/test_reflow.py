"""The arithmetic of the QBR tab's reflow, at the widths where the layout changes."""

from __future__ import annotations

from desktop.qbr.reflow import columns_that_fit, place_in_grid, wrapped_rows


def test_columns_drop_from_four_to_two_to_one_where_a_cell_gets_too_narrow() -> None:
    # Four cells of 180 with three gaps of 10 need 750 pixels; two need 370.
    assert columns_that_fit(750, 180, 10, (4, 2, 1)) == 4
    assert columns_that_fit(749, 180, 10, (4, 2, 1)) == 2
    assert columns_that_fit(370, 180, 10, (4, 2, 1)) == 2
    assert columns_that_fit(369, 180, 10, (4, 2, 1)) == 1
    # Narrower than one cell: still one column (the page scrolls no further sideways than that).
    assert columns_that_fit(100, 180, 10, (4, 2, 1)) == 1


def test_six_numbers_go_three_to_a_row_before_two() -> None:
    assert columns_that_fit(6 * 130 + 50, 130, 10, (6, 3, 2, 1)) == 6
    assert columns_that_fit(6 * 130 + 49, 130, 10, (6, 3, 2, 1)) == 3
    assert columns_that_fit(3 * 130 + 19, 130, 10, (6, 3, 2, 1)) == 2


def test_sections_wrap_onto_a_new_row_when_the_next_does_not_fit() -> None:
    widths = [80, 50, 60]  # with 1 pixel around each: 82, 52, 62
    assert wrapped_rows(widths, 196, 1) == 1
    assert wrapped_rows(widths, 195, 1) == 2
    assert wrapped_rows(widths, 133, 1) == 2
    assert wrapped_rows(widths, 81, 1) == 3  # an item wider than the row still gets its own
    assert wrapped_rows([], 100, 1) == 1


def test_cells_fill_row_by_row() -> None:
    assert place_in_grid(4, 2) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert place_in_grid(3, 4) == [(0, 0), (0, 1), (0, 2)]
    assert place_in_grid(2, 1) == [(0, 0), (1, 0)]
