"""Tests of the stance judgment, FNC-1 scoring and the ``eval fnc1`` command."""
