"""The ``/story`` slash-command group and its single error handler.

Each subcommand defers at once (privately, so errors can stay private), builds the equivalent
``/story ...`` text from its typed options and hands it to the core's one dispatcher,
:func:`bot.commands.dispatch.handle_command`. Private replies edit the deferred answer; public
ones are posted as a follow-up for the channel. ``on_tree_error`` is the one place that turns
errors into words: a :class:`~bot.errors.StorywatchError` shows its ``user_message``, anything
else is logged and answered with a plain apology.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from adapters.discord.render import clip, render
from bot.commands.dispatch import CommandContext, Services, handle_command
from bot.errors import StorywatchError
from bot.usecases.claims import list_claims
from bot.usecases.stories import list_stories
from bot.views import Reply

logger = logging.getLogger(__name__)

PLATFORM = "discord"
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
PUBLIC_ACK = "Done: posted in the channel."
MAX_CHOICES = 25

StateChoice = app_commands.Choice[str]
STATES = [app_commands.Choice(name=s, value=s) for s in ("resolved", "refuted", "open")]
SOURCE_ACTIONS = [app_commands.Choice(name=s, value=s) for s in ("add", "list", "remove")]


def quoted(name: str) -> str:
    """A story name in the form the dispatcher splits unambiguously from what follows."""
    return f'"{name}"' if '"' not in name else name


def can_manage(interaction: discord.Interaction[Any], manager_role: str) -> bool:
    """Manage Server (or Administrator), or the configured manager role (by id or name)."""
    perms = interaction.permissions
    if perms.manage_guild or perms.administrator:
        return True
    roles = getattr(interaction.user, "roles", [])
    return bool(manager_role) and any(
        manager_role in (str(role.id), role.name) for role in roles)


def payload_kwargs(payload: dict[str, Any]) -> dict[str, Any]:
    return {"content": payload["content"] or None,
            "embeds": [discord.Embed.from_dict(e) for e in payload["embeds"]],
            "allowed_mentions": discord.AllowedMentions.none()}


async def say_privately(interaction: discord.Interaction[Any], text: str) -> None:
    if interaction.response.is_done():
        await interaction.edit_original_response(content=text, embeds=[])
    else:
        await interaction.response.send_message(text, ephemeral=True)


async def on_tree_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    original = getattr(error, "original", error)
    if isinstance(original, StorywatchError):
        text = original.user_message
    elif isinstance(error, app_commands.NoPrivateMessage):
        text = "Use /story in a server channel; stories belong to a server."
    else:
        logger.exception("a /story command failed", exc_info=original)
        text = APOLOGY
    try:
        await say_privately(interaction, text)
    except discord.HTTPException:
        logger.warning("could not tell the user about a failed command")


@app_commands.guild_only()
class StoryCommands(app_commands.Group):
    """``/story``: one subcommand per line of the core's command set."""

    def __init__(self, services: Services, manager_role: str = "") -> None:
        super().__init__(name="story", description="Follow developing news stories")
        self.services = services
        self.manager_role = manager_role

    # -- the one path every subcommand takes --------------------------------------------
    async def run(self, interaction: discord.Interaction[Any], text: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        reply = await handle_command(text, self.context(interaction), self.services)
        await self.respond(interaction, reply)

    def context(self, interaction: discord.Interaction[Any]) -> CommandContext:
        return CommandContext(
            workspace=str(interaction.guild_id), platform=PLATFORM,
            channel=str(interaction.channel_id), user=interaction.user.name,
            can_manage=can_manage(interaction, self.manager_role))

    async def respond(self, interaction: discord.Interaction[Any], reply: Reply) -> None:
        payload = payload_kwargs(render(reply.view))
        if reply.private:
            await interaction.edit_original_response(**payload)
            return
        # A deferral's privacy is fixed, so a public answer is a follow-up of its own.
        await interaction.edit_original_response(content=PUBLIC_ACK)
        await interaction.followup.send(**{k: v for k, v in payload.items() if v is not None})

    # -- autocomplete ---------------------------------------------------------------------
    async def story_names(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        view = await list_stories(uow_factory=self.services.uow_factory,
                                  workspace=str(interaction.guild_id), platform=PLATFORM,
                                  channel=str(interaction.channel_id))
        names = [name for name, _, _ in view.stories if current.casefold() in name.casefold()]
        return [app_commands.Choice(name=clip(n, 100), value=n[:100])
                for n in names[:MAX_CHOICES]]

    async def claim_ids(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        workspace = str(interaction.guild_id)
        view = await list_stories(uow_factory=self.services.uow_factory, workspace=workspace,
                                  platform=PLATFORM, channel=str(interaction.channel_id))
        choices: list[app_commands.Choice[str]] = []
        for name, _, _ in view.stories:
            claims = await list_claims(uow_factory=self.services.uow_factory,
                                       workspace=workspace, name=name, include_closed=True)
            choices += [app_commands.Choice(name=clip(f"{c.id} · {c.text}", 100), value=c.id)
                        for c in claims.claims
                        if current.casefold() in f"{c.id} {c.text}".casefold()]
        return choices[:MAX_CHOICES]

    # -- the subcommands ------------------------------------------------------------------
    @app_commands.command(name="new", description="Start following a new story")
    @app_commands.describe(name="The story's name", keywords="Comma-separated keywords")
    async def new(self, interaction: discord.Interaction[Any], name: str,
                  keywords: str | None = None) -> None:
        extra = f" keywords: {keywords}" if keywords else ""
        await self.run(interaction, f"/story new {name}{extra}")

    @app_commands.command(name="list", description="The stories of this server")
    async def list_(self, interaction: discord.Interaction[Any]) -> None:
        await self.run(interaction, "/story list")

    @app_commands.command(name="follow", description="Post a story's updates here")
    @app_commands.autocomplete(story=story_names)
    async def follow(self, interaction: discord.Interaction[Any], story: str) -> None:
        await self.run(interaction, f"/story follow {story}")

    @app_commands.command(name="unfollow", description="Stop posting a story here")
    @app_commands.autocomplete(story=story_names)
    async def unfollow(self, interaction: discord.Interaction[Any], story: str) -> None:
        await self.run(interaction, f"/story unfollow {story}")

    @app_commands.command(name="status", description="Open claims, their state and status")
    @app_commands.autocomplete(story=story_names)
    async def status(self, interaction: discord.Interaction[Any], story: str) -> None:
        await self.run(interaction, f"/story status {story}")

    @app_commands.command(name="claims", description="A story's claims")
    @app_commands.describe(all="Include resolved and refuted claims")
    @app_commands.autocomplete(story=story_names)
    async def claims(self, interaction: discord.Interaction[Any], story: str,
                     all: bool = False) -> None:
        await self.run(interaction, f"/story claims {quoted(story)}{' all' if all else ''}")

    @app_commands.command(name="history", description="A claim's evidence over time")
    @app_commands.autocomplete(claim=claim_ids)
    async def history(self, interaction: discord.Interaction[Any], claim: str) -> None:
        await self.run(interaction, f"/story history {claim}")

    @app_commands.command(name="add", description="Add a link or pasted text to a story")
    @app_commands.describe(document="A link (https://…) or the text itself")
    @app_commands.autocomplete(story=story_names)
    async def add(self, interaction: discord.Interaction[Any], story: str,
                  document: str) -> None:
        await self.run(interaction, f"/story add {quoted(story)} {document}")

    @app_commands.command(name="source", description="The feeds a story reads")
    @app_commands.choices(action=SOURCE_ACTIONS)
    @app_commands.autocomplete(story=story_names)
    async def source(self, interaction: discord.Interaction[Any], action: StateChoice,
                     story: str, feed_url: str | None = None) -> None:
        tail = f" {feed_url}" if feed_url else ""
        await self.run(interaction, f"/story source {action.value} {quoted(story)}{tail}")

    @app_commands.command(name="digest", description="Set the daily digest, or post one now")
    @app_commands.describe(at="HH:MM", tz="A time zone, e.g. Europe/Kyiv", now="Post one now")
    @app_commands.autocomplete(story=story_names)
    async def digest(self, interaction: discord.Interaction[Any], story: str | None = None,
                     at: str | None = None, tz: str | None = None, now: bool = False) -> None:
        parts = [quoted(story) if story else "", f"at {at}" if at else "",
                 f"tz {tz}" if tz else "", "now" if now else ""]
        await self.run(interaction, " ".join(["/story digest", *filter(None, parts)]))

    @app_commands.command(name="mark", description="Override a claim's state (audited)")
    @app_commands.choices(state=STATES)
    @app_commands.autocomplete(claim=claim_ids)
    async def mark(self, interaction: discord.Interaction[Any], claim: str, state: StateChoice,
                   note: str | None = None) -> None:
        await self.run(interaction, f"/story mark {claim} {state.value} {note or ''}".rstrip())

    @app_commands.command(name="mute", description="Pause a story's updates here")
    @app_commands.describe(duration="For how long, e.g. 2h or 3d; empty: until unmuted")
    @app_commands.autocomplete(story=story_names)
    async def mute(self, interaction: discord.Interaction[Any], story: str,
                   duration: str | None = None) -> None:
        tail = f" for {duration}" if duration else ""
        await self.run(interaction, f"/story mute {quoted(story)}{tail}")

    @app_commands.command(name="help", description="What Storywatch can do")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        await self.run(interaction, "/story help")
