"""The tree shows the architecture, and the layers keep to it: the core imports nothing from MkDocs,
the glue (hooks/site.py) never reaches the importer, and the model depends on no other layer."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.sitebuild import ROOT

CORE = ROOT / "hooks" / "replysite"
GLUE = ROOT / "hooks" / "site.py"
PACKAGES = {"model", "pages", "published", "search", "importing"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT / "hooks").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules a file imports (`from a import b` counts a.b too, in case b is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def core_modules() -> dict[str, Path]:
    return {module_name(path): path for path in CORE.rglob("*.py")}


def reached_from(path: Path) -> set[str]:
    """Every core module the file imports, directly or through other core modules."""
    modules = core_modules()
    seen: set[str] = set()
    pending = [name for name in imports(path) if name in modules]
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending += [found for found in imports(modules[name]) if found in modules]
    return seen


def test_the_core_is_a_few_subpackages_and_at_most_four_loose_modules() -> None:
    folders = {path.name for path in CORE.iterdir() if path.is_dir() and (path / "__init__.py").is_file()}
    assert folders == PACKAGES
    loose = sorted(path.name for path in CORE.glob("*.py") if path.name != "__init__.py")
    assert len(loose) <= 4, loose


def test_the_core_imports_nothing_from_mkdocs() -> None:
    offenders = {name: sorted(found) for name, path in core_modules().items()
                 if (found := {item for item in imports(path) if item.split(".")[0] in {"mkdocs", "material", "properdocs"}})}
    assert offenders == {}


def test_the_glue_never_reaches_the_importer() -> None:
    reached = reached_from(GLUE)
    assert any(name.startswith("replysite.model") for name in reached)  # the walk itself works
    assert sorted(name for name in reached if name.startswith("replysite.importing")) == []


def test_the_model_depends_on_no_other_layer() -> None:
    outside = {name: sorted(item for item in imports(path) if item.startswith("replysite.")
                            and item.split(".")[1] in PACKAGES - {"model"})
               for name, path in core_modules().items() if name.startswith("replysite.model")}
    assert {name: found for name, found in outside.items() if found} == {}
