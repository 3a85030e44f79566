"""The console chat: type ``/story …`` lines, read the replies, and see what the bot posts to
the channels that follow a story. Errors are answered in plain words, never as tracebacks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from adapters.console.notifier import ConsoleNotifier
from adapters.console.render import render
from bot.commands import CommandContext, Services, handle_command
from bot.errors import StorywatchError
from bot.usecases.delivery import deliver_updates

logger = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side; nothing you typed was lost. Try again."


class ConsoleChat:
    def __init__(self, services: Services, *, workspace: str = "local",
                 channel: str = "general", user: str = "you",
                 write: Callable[[str], None] = print) -> None:
        self.services = services
        self.context = CommandContext(workspace, "console", channel, user, can_manage=True)
        self.write = write
        self.notifier = ConsoleNotifier(write)

    async def send(self, line: str) -> bool:
        """Run one command line; returns False if it was answered with an error."""
        if not line.strip():
            return True
        try:
            reply = await handle_command(line, self.context, self.services)
        except StorywatchError as err:
            self.write(f"storywatch (only you see this): {err.user_message}")
            return False
        except Exception:
            logger.exception("command failed: %.80s", line)
            self.write(f"storywatch: {APOLOGY}")
            return False
        who = "only you see this" if reply.private else f"in #{self.context.channel}"
        self.write(f"storywatch ({who}):\n{render(reply.view)}")
        await self.deliver()
        return True

    async def deliver(self) -> None:
        await deliver_updates(uow_factory=self.services.uow_factory,
                              notifiers={"console": self.notifier}, clock=self.services.clock)

    async def loop(self) -> None:
        self.write(f"Storywatch console — you are in #{self.context.channel}. "
                   "Type /story help, or /quit to leave.")
        while True:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                return
            if line.strip() in ("/quit", "/exit", "quit", "exit"):
                return
            await self.send(line)
