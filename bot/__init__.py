"""Storywatch core: stories, documents, claims, evidence, the judgment and the use cases.

Nothing in this package knows about Slack, Discord, SQLAlchemy or the scheduler; the outer
layers plug into the ports defined in :mod:`bot.ports`.
"""
