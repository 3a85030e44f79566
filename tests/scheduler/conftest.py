"""The local web server fixture, shared with the source tests."""

from tests.sources.conftest import web

__all__ = ["web"]
