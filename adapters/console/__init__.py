"""A chat in the terminal: the same ``/story`` command set, with replies and the bot's posts
printed as text."""
