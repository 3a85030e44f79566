"""``storywatch run`` as an operator starts it: the real process, Slack in HTTP mode against the
fake Slack Web API on loopback, the outbox delivered in the background, a clean SIGTERM."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sys
from pathlib import Path

import aiohttp

from tests.slack.fake_slack import FakeSlack
from tests.slack.support import SECRET, command_body, sign

AGREED = ("Russia and Ukraine agreed to exchange 1,000 prisoners of war each, Ukrainian Defense "
          "Minister Rustem Umerov said.")
TRUMP = ('Trump wrote on Truth Social that "the prisoner swap between Russia and Ukraine was just '
         'completed." A senior Ukrainian official said the exchange was still under way and not '
         "complete.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_until_listening(port: int, proc: asyncio.subprocess.Process) -> None:
    for _ in range(300):
        assert proc.returncode is None, "storywatch run exited early"
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return
    raise AssertionError("storywatch run never listened")


async def command(http: aiohttp.ClientSession, port: int, text: str, reply_to: str) -> None:
    body = command_body(text, reply_to)
    async with http.post(f"http://127.0.0.1:{port}/slack/events", data=body.encode(),
                         headers={**sign(body, SECRET),
                                  "Content-Type": "application/x-www-form-urlencoded"}) as r:
        assert r.status == 200


async def test_run_serves_slack_posts_updates_and_stops_cleanly_on_sigterm(tmp_path: Path):
    fake = FakeSlack()
    base = await fake.start()
    port = free_port()
    config = tmp_path / "storywatch.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "bot.sqlite3"}"\n'
        f'[slack]\nenabled = true\nmode = "http"\nhttp_port = {port}\n'
        f'api_base_url = "{base}api/"\n[scheduler]\ndeliver_interval_seconds = 0.2\n')
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET}
    exe = shutil.which("storywatch", path=str(Path(sys.executable).parent))
    assert exe
    proc = await asyncio.create_subprocess_exec(exe, "run", "--config", str(config), env=env,
                                                stderr=asyncio.subprocess.PIPE)
    try:
        await wait_until_listening(port, proc)
        async with aiohttp.ClientSession() as http:
            for n, text in enumerate(("new Prisoner swap", "follow Prisoner swap",
                                      f"add Prisoner swap {AGREED}",
                                      f"add Prisoner swap {TRUMP}")):
                # Bolt answers later through response_url; wait, as a person would
                await command(http, port, text, fake.response_url(f"r{n}"))
                await fake.wait_for(lambda n=n: fake.responses.get(f"r{n}"), within=60)
        try:
            await fake.wait_for(
                lambda: any("disputed" in str(p).lower() for p in fake.posts("C1")), within=60)
        except TimeoutError:
            proc.kill()
            _, err = await proc.communicate()
            raise AssertionError("no update posted:\n" + err.decode()[-3000:]) from None
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
        except TimeoutError:
            proc.kill()
            _, err = await proc.communicate()
            raise AssertionError("no clean stop:\n" + err.decode()[-3000:]) from None
        assert proc.returncode == 0, err.decode()[-2000:]
        assert b"stopped cleanly" in err
        assert b"xoxb-test" not in err and SECRET.encode() not in err
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await fake.stop()
