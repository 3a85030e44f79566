"""Requests Slack did not sign are refused with 401 and reach neither the core nor Slack."""

from __future__ import annotations

import time

from tests.slack.support import SECRET, Harness, command_body, sign, text_of


async def assert_nothing_happened(h: Harness) -> None:
    """A signed command afterwards is answered; it is the only thing that reached Slack."""
    answer = await h.command("list")
    assert "no story yet" in text_of(answer)
    assert len(h.fake.responses) == 1
    assert all(c.method == "auth.test" for c in h.fake.calls)


async def test_bad_signature_is_refused(harness: Harness) -> None:
    body = command_body("new Leaked", harness.fake.response_url("bad"))
    resp = await harness.post(body, sign(body, secret="not-" + SECRET))
    assert resp.status == 401
    await assert_nothing_happened(harness)


async def test_timestamp_older_than_five_minutes_is_refused(harness: Harness) -> None:
    body = command_body("new Replayed", harness.fake.response_url("old"))
    resp = await harness.post(body, sign(body, ts=int(time.time()) - 6 * 60))
    assert resp.status == 401
    await assert_nothing_happened(harness)


async def test_tampered_body_is_refused(harness: Harness) -> None:
    body = command_body("list", harness.fake.response_url("tampered"))
    headers = sign(body)
    tampered = body.replace("text=list", "text=new+Injected")
    resp = await harness.post(tampered, headers)
    assert resp.status == 401
    await assert_nothing_happened(harness)


async def test_missing_signature_headers_are_refused(harness: Harness) -> None:
    body = command_body("new Unsigned", harness.fake.response_url("unsigned"))
    resp = await harness.post(body, {})
    assert resp.status == 401
    await assert_nothing_happened(harness)
