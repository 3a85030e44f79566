"""Many workspaces through OAuth installations: each Slack team is its own workspace, its
commands authorize with its own installation's token, and it never sees another's stories.
Seeded random command sequences across two teams check the isolation."""

from __future__ import annotations

import random
import time

import pytest
from slack_sdk.oauth.installation_store import Installation

from tests.slack.conftest import MakeHarness
from tests.slack.support import FIRST, SECOND, Harness, command_body, sign, text_of

TEAMS = {"T1": "xoxb-team-one", "T2": "xoxb-team-two"}
NAMES = ["Prisoner swap", "Istanbul talks", "Grain deal", "Ceasefire", "Swap"]


async def oauth_harness(make_harness: MakeHarness) -> Harness:
    h = await make_harness(oauth=True, client_id="111.222", client_secret="oauth-secret",
                           bot_token="")
    h.fake.teams.update({token: team for team, token in TEAMS.items()})
    for team, token in TEAMS.items():
        await h.runner.store.installations.async_save(Installation(
            app_id="A1", enterprise_id=None, team_id=team, bot_token=token,
            bot_id=f"B{team}", bot_user_id=f"UB{team}", bot_scopes=["commands", "chat:write"],
            user_id="U0", installed_at=time.time()))
    return h


def listed_names(message: dict[str, object]) -> set[str]:
    return {name for name in NAMES if f"*{name}*" in text_of(message)}


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_commands_in_two_workspaces_never_cross(
    make_harness: MakeHarness, seed: int,
) -> None:
    h = await oauth_harness(make_harness)
    rng = random.Random(seed)
    model: dict[str, set[str]] = {team: set() for team in TEAMS}
    for _ in range(24):
        team, name = rng.choice(sorted(TEAMS)), rng.choice(NAMES)
        action = rng.choice(["new", "new", "status", "list", "follow"])
        answer = text_of(await h.command(f"{action} {name}", team=team, channel="C1"))
        if action == "new":
            created = name not in model[team]
            assert ("Created the story" in answer) == created, answer
            model[team].add(name)
        elif action == "list":
            assert listed_names(await h.command("list", team=team)) == model[team]
        elif name not in model[team]:
            assert f'There is no story called "{name}" here' in answer, answer
    for team in TEAMS:
        assert listed_names(await h.command("list", team=team)) == model[team]


async def test_updates_go_out_with_each_workspace_own_token(make_harness: MakeHarness) -> None:
    h = await oauth_harness(make_harness)
    for team in TEAMS:
        await h.command("new Prisoner swap", team=team, channel=f"C{team}")
        await h.command("follow Prisoner swap", team=team, channel=f"C{team}")
        await h.command(f"add Prisoner swap {FIRST}", team=team, channel=f"C{team}")
    await h.command(f"add Prisoner swap {SECOND}", team="T2", channel="CT2")

    report = await h.deliver()

    posts = h.fake.ok_calls("chat.postMessage")
    assert report.posted == 1
    assert {(c.params["channel"], c.token) for c in posts} == {("CT2", TEAMS["T2"])}
    status_one = text_of(await h.command("status Prisoner swap", team="T1"))
    assert "disputed" not in status_one and "1 documents" in status_one


async def test_workspace_without_installation_is_refused(make_harness: MakeHarness) -> None:
    h = await oauth_harness(make_harness)
    body = command_body("new Intruder", h.fake.response_url("t3"), team="T3")
    resp = await h.post(body, sign(body))
    answer = await h.fake.response("t3")
    assert resp.status == 200
    assert "Storywatch is not installed in this workspace yet" in text_of(answer)
    for team in TEAMS:
        assert listed_names(await h.command("list", team=team)) == set()
    assert h.fake.posts() == []
