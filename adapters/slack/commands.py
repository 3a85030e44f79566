"""The ``/story`` slash command and ``@Storywatch`` mentions, and the one place where errors are
turned into words for the user.

Listeners ack first (Slack wants an answer within 3 seconds) and do the work in Bolt "lazy"
listeners, which run after the ack has been returned: the command goes through the core's
``handle_command`` and the answer through ``respond`` (the response URL): privately for help
and errors, in the channel when the core says the reply is public. Errors are answered in one
place (``answer``), so no listener raises into Bolt. The workspace is always the
Slack team the request came from, so one workspace never sees another's stories.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.context.say.async_say import AsyncSay

from adapters.slack.render import APOLOGY, Payload, render_error, render_reply
from bot.commands.dispatch import CommandContext, Services, handle_command
from bot.errors import StorywatchError

logger = logging.getLogger(__name__)

PLATFORM = "slack"
_MENTION = re.compile(r"^\s*<@[A-Z0-9]+>\s*")


def workspace_of(context: AsyncBoltContext, body: dict[str, Any]) -> str:
    """The Slack team is the core's workspace; Enterprise Grid org-wide apps fall back to the
    enterprise id."""
    return str(context.team_id or body.get("team_id") or context.enterprise_id or "")


async def ack_now(ack: Any) -> None:
    await ack()


def register(app: AsyncApp, services: Services, slash: str = "/story") -> None:
    """Each listener acks at once; its work runs afterwards as a Bolt lazy listener."""

    async def story_command(command: dict[str, Any], body: dict[str, Any],
                            context: AsyncBoltContext, respond: AsyncRespond) -> None:
        ctx = CommandContext(workspace_of(context, body), PLATFORM, command["channel_id"],
                             command["user_id"])
        await respond(**await answer(command.get("text", ""), ctx, services))

    async def mention(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext,
                      say: AsyncSay) -> None:
        ctx = CommandContext(workspace_of(context, body), PLATFORM, event["channel"],
                             event.get("user", ""))
        message = await answer(_MENTION.sub("", event.get("text", "")), ctx, services)
        message.pop("response_type", None)
        await say(thread_ts=event.get("thread_ts") or event["ts"], **message)

    app.command(slash)(ack=ack_now, lazy=[story_command])
    app.event("app_mention")(ack=ack_now, lazy=[mention])


async def answer(text: str, ctx: CommandContext, services: Services) -> Payload:
    """The one place errors become words: the core's own errors say what was wrong, anything
    else is logged and answered with an apology that never echoes the exception."""
    try:
        if not ctx.workspace:
            raise StorywatchError("I could not tell which Slack workspace this came from.")
        return render_reply(await handle_command(text, ctx, services))
    except StorywatchError as err:
        return render_error(err.user_message)
    except Exception:
        logger.exception("/story command failed in workspace %s", ctx.workspace)
        return render_error(APOLOGY)
