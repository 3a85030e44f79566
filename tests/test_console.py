"""The console adapter through the real CLI: the demo, and one-off commands on a SQLite file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from runtime.cli import main


def test_demo_shows_a_contradiction_then_a_confirmed_resolution(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    contradicted = out.index("CONTRADICTED: a major prisoner swap was just completed")
    resolved = out.index("RESOLVED: a major prisoner swap was just completed")
    assert contradicted < resolved
    assert "under way, not confirmed complete" in out
    assert "Traceback" not in out


def test_command_runs_against_the_configured_database_and_errors_are_plain(capsys, tmp_path):
    config = tmp_path / "storywatch.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite3"}"\n')
    args = ["--config", str(config), "--channel", "news"]
    assert main(["command", "/story new Prisoner swap", *args]) == 0
    assert main(["command", "/story follow Prisoner swap", *args]) == 0
    assert main(["command", "/story list", *args]) == 0
    assert "Prisoner swap — 0 open claims (followed here)" in capsys.readouterr().out
    assert main(["command", "/story status Nothing here", *args]) == 1
    out = capsys.readouterr().out
    assert 'There is no story called "Nothing here"' in out


def test_a_secret_in_the_config_file_is_refused(capsys, tmp_path: Path):
    config = tmp_path / "bad.toml"
    config.write_text('[slack]\nbot_token = "xoxb-123"\n')
    assert main(["command", "/story list", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "secret" in err
    assert "xoxb-123" not in err


def _storywatch() -> str:
    found = shutil.which("storywatch", path=str(Path(sys.executable).parent))
    assert found, "the storywatch console script is not installed"
    return found


def test_installed_demo_runs_from_any_directory(tmp_path):
    done = subprocess.run([_storywatch(), "demo"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "RESOLVED" in done.stdout


def test_chat_reads_commands_from_the_terminal_until_quit(tmp_path):
    config = tmp_path / "storywatch.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite3"}"\n')
    lines = "/story new Prisoner swap\n/story follow Prisoner swap\n/story bogus\n/quit\n"
    done = subprocess.run([_storywatch(), "chat", "--config", str(config)], input=lines,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert 'This channel now follows "Prisoner swap".' in done.stdout
    assert 'I don\'t know "/story bogus"' in done.stdout
