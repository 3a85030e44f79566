"""Socket Mode: the app opens a connection through ``apps.connections.open`` on the fake Web
API, receives a slash command envelope over a local WebSocket, acks it by envelope id and
answers through the response URL."""

from __future__ import annotations

from tests.slack.conftest import MakeHarness
from tests.slack.support import text_of


def envelope(envelope_id: str, text: str, response_url: str) -> dict[str, object]:
    return {
        "envelope_id": envelope_id, "type": "slash_commands", "accepts_response_payload": True,
        "payload": {"token": "legacy", "team_id": "T1", "team_domain": "t1", "channel_id": "C1",
                    "channel_name": "news", "user_id": "U1", "user_name": "reader",
                    "command": "/story", "text": text, "api_app_id": "A1",
                    "response_url": response_url, "trigger_id": "1.2.3"},
    }


async def test_slash_command_over_socket_mode_is_acked_and_answered(
    make_harness: MakeHarness,
) -> None:
    h = await make_harness(mode="socket", signing_secret="")
    fake = h.fake
    opened = fake.ok_calls("apps.connections.open")
    assert opened and opened[0].token == "xapp-test"

    await fake.send_envelope(envelope("env-1", "new Prisoner swap", fake.response_url("s1")))
    ack = await fake.wait_for(lambda: [a for a in fake.socket_acks
                                       if a.get("envelope_id") == "env-1"])
    answer = await fake.response("s1")

    assert ack[0]["envelope_id"] == "env-1"
    assert answer["response_type"] == "in_channel"
    assert 'Created the story "Prisoner swap"' in text_of(answer)


async def test_socket_mode_commands_see_what_earlier_commands_created(
    make_harness: MakeHarness,
) -> None:
    h = await make_harness(mode="socket", signing_secret="")
    fake = h.fake
    await fake.send_envelope(envelope("env-2", "new Istanbul talks", fake.response_url("s2")))
    await fake.response("s2")
    await fake.send_envelope(envelope("env-3", "list", fake.response_url("s3")))
    listed = await fake.response("s3")
    assert listed["response_type"] == "ephemeral"
    assert "*Istanbul talks*" in text_of(listed)
