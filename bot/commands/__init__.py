"""The platform-neutral ``/story`` command set: one parser and one dispatcher that Slack,
Discord and the console share."""

from bot.commands.dispatch import CommandContext, Services, handle_command
from bot.commands.parser import HELP, ParsedCommand, parse_command

__all__ = ["HELP", "CommandContext", "ParsedCommand", "Services", "handle_command", "parse_command"]
