"""Persistence behind the core's ports: SQLAlchemy 2.0 (async) tables, repositories and a unit
of work, with Alembic migrations. A SQLite file (WAL) is the embedded default; PostgreSQL works
by URL."""

from storage.database import Database

__all__ = ["Database"]
