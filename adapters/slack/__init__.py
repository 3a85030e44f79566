"""The Slack adapter: slash command and events through slack-bolt, Block Kit rendering, and the
``SlackNotifier`` that posts story updates as thread replies; ``app`` is the entry point."""
