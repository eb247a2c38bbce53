"""Staff command line: `python -m scripts <command>`, run from the repository root.

The commands are thin layers over the reply model in `hooks/replysite`, which MkDocs loads from
`hooks/`; the same folder is put on the import path here so there is one model for both.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))
