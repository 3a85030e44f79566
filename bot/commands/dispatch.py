"""The dispatcher: one ``/story`` line in, one :class:`~bot.views.Reply` out.

Each subcommand is a short handler that resolves names, calls one use case and wraps the
result in a view. Errors from :mod:`bot.errors` propagate to the adapter, which answers them
privately in one place.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.commands import handlers
from bot.commands.parser import parse_command
from bot.errors import NotAllowed
from bot.ports import ClaimIndex, Clock, Fetcher, Judge, UnitOfWorkFactory
from bot.views import Reply

MANAGE_COMMANDS = frozenset({"new", "source", "mark", "mute"})


@dataclass(frozen=True)
class CommandContext:
    """Who typed the command, and where."""

    workspace: str
    platform: str
    channel: str
    user: str
    can_manage: bool = True


@dataclass(frozen=True)
class Services:
    uow_factory: UnitOfWorkFactory
    judge: Judge
    clock: Clock
    fetcher: Fetcher | None = None
    index: ClaimIndex | None = None


Handler = Callable[[str, CommandContext, Services], Awaitable[Reply]]

_HANDLERS: dict[str, Handler] = {
    "help": handlers.help_,
    "new": handlers.new,
    "list": handlers.list_,
    "follow": handlers.follow,
    "unfollow": handlers.unfollow,
    "status": handlers.status,
    "claims": handlers.claims,
    "history": handlers.history,
    "add": handlers.add,
    "source": handlers.source,
    "digest": handlers.digest,
    "mark": handlers.mark,
    "mute": handlers.mute,
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


async def handle_command(text: str, ctx: CommandContext, services: Services) -> Reply:
    parsed = parse_command(_CONTROL.sub(" ", text))
    if parsed.name in MANAGE_COMMANDS and not ctx.can_manage:
        raise NotAllowed(
            f"`/story {parsed.name}` needs the Manage Server permission or the bot's manager role."
        )
    return await _HANDLERS[parsed.name](parsed.rest, ctx, services)
