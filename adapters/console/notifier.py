"""The console's notifier: "posting" to a channel prints the rendered post."""

from __future__ import annotations

from collections.abc import Callable

from adapters.console.render import render
from bot.domain.model import Subscription
from bot.views import DigestView, UpdateView


class ConsoleNotifier:
    platform = "console"

    def __init__(self, write: Callable[[str], None] = print) -> None:
        self.write = write
        self.count = 0

    async def post_update(self, subscription: Subscription, view: UpdateView) -> str:
        return self._post(subscription, render(view))

    async def post_digest(self, subscription: Subscription, view: DigestView) -> str:
        return self._post(subscription, render(view))

    async def post_notice(self, subscription: Subscription, text: str) -> str:
        return self._post(subscription, text)

    def _post(self, subscription: Subscription, text: str) -> str:
        self.count += 1
        indented = "\n".join(f"  {line}" for line in text.splitlines())
        self.write(f"#{subscription.channel} ← storywatch posted:\n{indented}")
        return f"console-{self.count}"
