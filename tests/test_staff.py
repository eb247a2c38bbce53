"""`bash scripts/staff`: the staff's one entry point works from any folder and explains itself in Chinese."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAFF = ROOT / "scripts" / "staff"


def staff(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(STAFF), *arguments], cwd=cwd, capture_output=True, text=True, check=False, timeout=600)


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = staff("help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("new", "import", "validate", "preview"):
        assert f"bash scripts/staff {command}" in result.stdout


def test_an_unknown_command_is_refused_in_chinese(tmp_path: Path) -> None:
    result = staff("publish", cwd=tmp_path)
    assert result.returncode == 2 and "不认识的命令" in result.stderr


def test_validate_runs_from_another_folder(tmp_path: Path) -> None:
    result = staff("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "全部答复文件检查通过。"


@pytest.mark.skipif(shutil.which("shellcheck") is None and not (ROOT / ".venv" / "bin" / "shellcheck").exists(), reason="no shellcheck")
def test_the_wrapper_passes_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck") or str(ROOT / ".venv" / "bin" / "shellcheck")
    assert subprocess.run([shellcheck, str(STAFF)], check=False).returncode == 0
