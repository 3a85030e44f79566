"""Storywatch on Discord: the ``/story`` slash commands, embed rendering and the notifier.

``app`` holds the client and its runner, ``commands`` the command group, ``render`` the pure
embed renderers and ``notifier`` the core's Notifier port; ``threads`` remembers the thread of
each followed story.
"""
