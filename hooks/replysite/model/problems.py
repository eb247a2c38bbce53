"""Problems found in reply files, worded for the member of staff who has to fix them."""

from __future__ import annotations

from dataclasses import dataclass

from replysite.errors import SiteError


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, which field, and what would be right."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class ReplyError(SiteError):
    """All problems of a run, reported together so staff can fix them in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """The problems as lines of `file:line: field: message`, with a count at the top."""
        lines = [f"发现 {len(self.problems)} 处问题，请逐条修改后重新运行："]
        lines += [str(problem) for problem in self.problems]
        return "\n".join(lines)
