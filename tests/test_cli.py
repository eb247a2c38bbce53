"""The staff commands end a refusal with its Chinese message alone, never click's English "Error:"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sitebuild import ROOT


def test_a_refused_import_says_why_in_chinese_alone(tmp_path: Path) -> None:
    old_word = tmp_path / "答复.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0 not really a Word 97 file")
    command = [sys.executable, "-m", "scripts", "import", str(old_word), "--dry-run"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 1
    assert "Error" not in result.stderr and "Traceback" not in result.stderr
    assert "另存为" in result.stderr.strip().splitlines()[-1]
