"""The README documents every setting and the test command CI runs."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def used_settings() -> set[str]:
    names = set()
    for path in (REPO / "pressbot").rglob("*.py"):
        names |= set(re.findall(r"PRESSBOT_[A-Z_]+", path.read_text()))
    return names


def test_every_pressbot_setting_is_documented():
    documented = set(re.findall(r"^\| `(PRESSBOT_[A-Z_]+)`", README, re.MULTILINE))
    assert used_settings() - documented == set()


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert "python -m pytest" in README and "python -m pytest" in ci
    assert "pip install '.[test]'" in README and "'.[test]'" in ci


def test_the_exit_codes_table_is_the_exit_code_definition():
    from pressbot.commands import ExitCode

    section = README.split("### Exit codes", 1)[1].split("###", 1)[0]
    documented = [int(code) for code in re.findall(r"^\| (\d) \|", section, re.MULTILINE)]
    assert documented == [code.value for code in ExitCode]
