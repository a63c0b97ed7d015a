"""graph.quickread.expected (plain data, for checks without SQLAlchemy) says exactly what
graph.schema and graph.file_check say: the two can never drift."""

from __future__ import annotations

from graph import file_check, store
from graph.quickread import expected


def test_tables_and_columns_are_the_schemas() -> None:
    assert file_check.expected_tables() == expected.TABLES


def test_indexes_are_the_schemas() -> None:
    assert file_check.expected_indexes() == expected.INDEXES


def test_value_rules_are_file_checks() -> None:
    assert file_check.value_rules() == expected.VALUE_RULES


def test_format_and_version_are_the_stores() -> None:
    assert (expected.FORMAT_MARKER, expected.SCHEMA_VERSION) == (
        store.FORMAT_MARKER,
        store.SCHEMA_VERSION,
    )


def test_the_module_is_what_the_generator_writes() -> None:
    rendered: dict[str, object] = {}
    exec(file_check.render_expected(), rendered)  # the generator's output, run as the module
    for name in ("FORMAT_MARKER", "SCHEMA_VERSION", "TABLES", "INDEXES", "VALUE_RULES"):
        assert rendered[name] == getattr(expected, name), (
            f"{name}: regenerate with `python -m graph.file_check && "
            "ruff format graph/quickread/expected.py`"
        )
