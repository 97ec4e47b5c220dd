"""Statements on the submit path, run straight on the database driver.

SQLAlchemy's execution layer costs more per call than PostgreSQL takes to run these small
statements (bench/engine.py measured submits at a third of the driver's own rate). Everything
that makes them correct still comes from SQLAlchemy: the SQL and its parameter order are
compiled once per dialect, and values pass through the column types' own bind and result
processors. Only the per-call machinery is skipped. They run on the connection's driver
cursor, so they belong to the same transaction as everything else on that connection.
"""

from collections import namedtuple
from collections.abc import Callable

from sqlalchemy import Connection, Dialect
from sqlalchemy.sql import ClauseElement


class DirectStatement:
    """One SQLAlchemy statement, compiled once per dialect, executed on the driver cursor."""

    def __init__(self, statement: ClauseElement):
        self.statement = statement
        self._compiled: dict[tuple, _Compiled] = {}

    def execute(self, conn: Connection, params: dict):
        """Run it in `conn`'s transaction; returns the driver cursor."""
        compiled = self._for(conn.dialect)
        cursor = conn.connection.driver_connection.cursor()
        cursor.execute(compiled.sql, compiled.arguments(params))
        return cursor

    def rows(self, conn: Connection, params: dict) -> list[tuple]:
        """Run a SELECT and return named rows with every column's result processor applied."""
        compiled = self._for(conn.dialect)
        return [compiled.row(values) for values in self.execute(conn, params).fetchall()]

    def _for(self, dialect: Dialect) -> "_Compiled":
        # What compilation depends on: the dialect and its parameter style.
        key = (dialect.name, dialect.driver, dialect.paramstyle)
        if key not in self._compiled:
            self._compiled[key] = _Compiled(self.statement, dialect)
        return self._compiled[key]


class _Compiled:
    def __init__(self, statement: ClauseElement, dialect: Dialect):
        compiled = statement.compile(dialect=dialect)
        self._compiled = compiled
        self.sql = compiled.string
        self._order = compiled.positiontup  # positional styles only (sqlite's "?")
        self._to_database = _processors(
            (compiled.bind_names[bind], bind.type.dialect_impl(dialect).bind_processor(dialect))
            for bind in compiled.bind_names
        )
        self._from_database: list[Callable | None] = []
        self._row = None
        if statement.is_select:
            columns = list(statement.selected_columns)
            self._row = namedtuple("Row", [column.key for column in columns])
            self._from_database = [
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in columns
            ]

    def arguments(self, params: dict) -> dict | list:
        values = self._compiled.construct_params(params)
        for name, convert in self._to_database.items():
            values[name] = convert(values[name])
        return [values[name] for name in self._order] if self._order is not None else values

    def row(self, values: tuple) -> tuple:
        return self._row._make(
            convert(value) if convert and value is not None else value
            for convert, value in zip(self._from_database, values, strict=True)
        )


def _processors(pairs) -> dict[str, Callable]:
    return {name: processor for name, processor in pairs if processor is not None}
