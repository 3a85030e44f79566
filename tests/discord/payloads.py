"""Discord API objects as the fake server returns them, shaped after Discord's OpenAPI schemas
(``shared/specs/discord-openapi.json``) so that the Prism conformance run finds nothing to flag."""

from __future__ import annotations

from typing import Any

APP_ID = "1100000000000000001"
OWNER_ID = "1100000000000000002"
TIMESTAMP = "2025-05-23T12:00:00.000000+00:00"
ALL_PERMISSIONS = str((1 << 50) - 1)

BOT_USER: dict[str, Any] = {
    "id": APP_ID, "username": "storywatch", "avatar": None, "discriminator": "0000",
    "public_flags": 0, "flags": 0, "bot": True, "global_name": None, "mfa_enabled": True,
    "locale": "en-US", "verified": True, "email": None, "banner": None, "accent_color": None,
    "premium_type": 0, "primary_guild": None,
}


def user(user_id: str, name: str) -> dict[str, Any]:
    return {"id": user_id, "username": name, "avatar": None, "discriminator": "0",
            "public_flags": 0, "flags": 0, "global_name": name, "primary_guild": None}


def gateway_bot(url: str) -> dict[str, Any]:
    return {"url": url, "shards": 1, "session_start_limit": {
        "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}}


def application() -> dict[str, Any]:
    return {
        "id": APP_ID, "name": "Storywatch", "icon": None, "description": "", "type": None,
        "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
        "flags": 0, "flags_new": "0", "redirect_uris": [], "interactions_endpoint_url": None,
        "role_connections_verification_url": None, "owner": user(OWNER_ID, "owner"),
        "approximate_guild_count": 2, "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0, "explicit_content_filter": 0,
        "team": None, "eligible_oauth2_scopes": [], "rpc_origins": [], "tags": [],
        "bot": BOT_USER,
    }


def command_response(command: dict[str, Any], command_id: str) -> dict[str, Any]:
    out = {k: v for k, v in command.items() if k not in ("nsfw",)}
    out.update({"id": command_id, "application_id": APP_ID, "version": command_id,
                "default_member_permissions": command.get("default_member_permissions"),
                "type": command.get("type", 1), "dm_permission": False, "nsfw": False,
                "integration_types": command.get("integration_types") or [0],
                "contexts": command.get("contexts") or [0]})
    return out


def callback_response(body: dict[str, Any], interaction_id: str, message_id: str) -> Any:
    kind = body["type"]
    flags = (body.get("data") or {}).get("flags", 0) or 0
    interaction: dict[str, Any] = {"id": interaction_id, "type": 2 if kind != 8 else 4,
                                   "response_message_ephemeral": bool(flags & 64)}
    if kind == 5:  # the spec has no resource for a deferral, only for a sent message (4)
        interaction.update(response_message_id=message_id, response_message_loading=True)
    return {"interaction": interaction}


def message(message_id: str, channel_id: str, body: dict[str, Any] | None,
            webhook_id: str | None = None) -> dict[str, Any]:
    body = body or {}
    out: dict[str, Any] = {
        "type": 0, "content": body.get("content") or "", "mentions": [], "mention_roles": [],
        "attachments": [], "timestamp": TIMESTAMP,
        "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
        "edited_timestamp": None, "flags": body.get("flags", 0) or 0, "components": [],
        "id": message_id, "channel_id": channel_id, "author": user(APP_ID, "storywatch"),
        "pinned": False, "mention_everyone": False, "tts": False,
    }
    if webhook_id:
        out["webhook_id"] = webhook_id
    if body.get("nonce") is not None:
        out["nonce"] = str(body["nonce"])
    return out


def text_channel(channel_id: str, guild_id: str, name: str) -> dict[str, Any]:
    return {"id": channel_id, "type": 0, "flags": 0, "guild_id": guild_id, "name": name,
            "position": 0, "permission_overwrites": [], "nsfw": False, "topic": None,
            "last_message_id": None, "parent_id": None, "rate_limit_per_user": 0}


def thread(thread_id: str, guild_id: str, parent_id: str, name: str) -> dict[str, Any]:
    return {"id": thread_id, "type": 11, "flags": 0, "guild_id": guild_id, "name": name,
            "parent_id": parent_id, "owner_id": APP_ID, "last_message_id": None,
            "rate_limit_per_user": 0, "message_count": 0, "member_count": 1,
            "total_message_sent": 0,
            "thread_metadata": {"archived": False, "archive_timestamp": TIMESTAMP,
                                "auto_archive_duration": 10080, "locked": False,
                                "create_timestamp": TIMESTAMP}}


def ready(guild_ids: list[str], gateway_url: str) -> dict[str, Any]:
    return {"v": 10, "user": BOT_USER, "guilds": [{"id": g, "unavailable": True}
                                                   for g in guild_ids],
            "session_id": "fake-session", "resume_gateway_url": gateway_url,
            "application": {"id": APP_ID, "flags": 0}, "private_channels": [],
            "relationships": []}


def guild_create(guild: Any) -> dict[str, Any]:
    roles = [{"id": guild.id, "name": "@everyone", "permissions": "0", "position": 0,
              "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}]
    roles += [{"id": rid, "name": name, "permissions": "0", "position": i + 1, "color": 0,
               "hoist": False, "managed": False, "mentionable": False, "flags": 0}
              for i, (rid, name) in enumerate(guild.roles.items())]
    return {"id": guild.id, "name": guild.name, "icon": None, "owner_id": OWNER_ID,
            "roles": roles, "emojis": [], "stickers": [], "features": [], "member_count": 2,
            "channels": [text_channel(cid, guild.id, name) for cid, name in
                         guild.channels.items()],
            "threads": [], "members": [], "voice_states": [], "presences": [],
            "large": False, "unavailable": False, "joined_at": TIMESTAMP,
            "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "mfa_level": 0, "system_channel_flags": 0,
            "premium_tier": 0, "nsfw_level": 0, "preferred_locale": "en-US"}


def interaction(*, interaction_id: str, token: str, guild_id: str, channel_id: str,
                user_id: str, name: str, permissions: int, roles: list[str],
                data: dict[str, Any], kind: int = 2) -> dict[str, Any]:
    member = {"user": user(user_id, name), "roles": roles, "permissions": str(permissions),
              "joined_at": TIMESTAMP, "deaf": False, "mute": False, "flags": 0, "nick": None,
              "avatar": None, "pending": False}
    return {"id": interaction_id, "application_id": APP_ID, "type": kind, "data": data,
            "guild_id": guild_id, "channel_id": channel_id,
            "channel": {"id": channel_id, "type": 0, "guild_id": guild_id, "name": "news",
                        "position": 0, "flags": 0, "permissions": str(permissions)},
            "member": member, "token": token, "version": 1, "app_permissions": ALL_PERMISSIONS,
            "locale": "en-US", "guild_locale": "en-US", "entitlements": [],
            "authorizing_integration_owners": {"0": guild_id}, "context": 0,
            "attachment_size_limit": 10_485_760}


def story_command(subcommand: str, options: dict[str, Any], *, focused: str = "") -> dict[str, Any]:
    """The ``data`` of a ``/story SUBCOMMAND`` interaction with string/bool options."""
    opts = []
    for key, value in options.items():
        option: dict[str, Any] = {"name": key, "type": 5 if isinstance(value, bool) else 3,
                                  "value": value}
        if key == focused:
            option["focused"] = True
        opts.append(option)
    return {"id": "1200000000000000001", "name": "story", "type": 1,
            "options": [{"name": subcommand, "type": 1, "options": opts}]}
