"""Running Stoplight Prism as a validating proxy between the bot and the fake Discord.

Prism checks every request the bot sends and every response the fake returns against Discord's
OpenAPI spec (``shared/specs/discord-openapi.json``) and logs each violation; with ``--errors``
a request violation is refused outright. ``new_violations`` reads the log for violations that
``prism_allowlist.ALLOWED`` does not explain.
"""

from __future__ import annotations

import os
import random
import re
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.discord.prism_allowlist import ALLOWED

HERE = Path(__file__).parent
PRISM_BIN = HERE / ".prism" / "node_modules" / ".bin" / "prism"
SPEC_NAME = Path("specs") / "discord-openapi.json"
_RETURNED = re.compile(r"The upstream call to \S+ has returned (\d+)")
_VIOLATION = re.compile(r"\[VALIDATOR\].*(✖|⚠)|violation", re.I)


def find_spec() -> Path:
    env = os.environ.get("STORYWATCH_DISCORD_SPEC")
    candidates = [Path(env)] if env else []
    candidates += [parent / "shared" / SPEC_NAME for parent in HERE.parents]
    candidates.append(Path("/work/shared") / SPEC_NAME)
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError("Discord's OpenAPI spec (shared/specs/discord-openapi.json)")


def _annotated(lines: list[str]) -> list[str]:
    """The violation lines, each with the upstream status Prism last logged before it."""
    status, found = "?", []
    for line in lines:
        returned = _RETURNED.search(line)
        if returned:
            status = returned.group(1)
        elif _VIOLATION.search(line):
            found.append(f"{line} [upstream status {status}]")
    return found


def free_port() -> int:
    """A free port below the ephemeral range, so no outgoing connection takes it between
    tests (each test's fake Discord binds the same upstream port anew)."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0]) \
        if Path("/proc/sys/net/ipv4/ip_local_port_range").exists() else 32768
    for port in random.sample(range(max(1024, low - 12000), low), 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for the fake Discord")


@dataclass
class Prism:
    upstream_port: int
    port: int
    log: Path
    process: subprocess.Popen[bytes]
    seen: int = 0
    explained: list[str] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def new_violations(self) -> list[str]:
        """Violations logged since the last call that the allow-list does not explain."""
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        fresh, self.seen = lines[self.seen:], len(lines)
        found = _annotated(fresh)
        unexplained = []
        for line in found:
            if any(re.search(pattern, line) for pattern in ALLOWED):
                self.explained.append(line)
            else:
                unexplained.append(line)
        return unexplained

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_prism(log: Path, timeout: float = 120.0) -> Prism:
    upstream, port = free_port(), free_port()
    out = log.open("wb")
    process = subprocess.Popen(
        [str(PRISM_BIN), "proxy", str(find_spec()), f"http://127.0.0.1:{upstream}/api/v10",
         "-h", "127.0.0.1", "-p", str(port)],
        stdout=out, stderr=subprocess.STDOUT)
    prism = Prism(upstream, port, log, process)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"prism exited early; see {log}")
        if "Prism is listening" in log.read_text(encoding="utf-8", errors="replace"):
            prism.new_violations()  # start counting after its own start-up chatter
            return prism
        time.sleep(0.25)
    prism.stop()
    raise RuntimeError(f"prism did not start within {timeout:.0f}s; see {log}")
