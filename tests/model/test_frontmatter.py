"""Hostile front matter is refused with a located problem, quickly and in little memory, never with a crash.

The worst inputs (an alias bomb, 200,000 levels of nesting) run in a child process: a segmentation
fault or a runaway then fails one test cleanly, and the child measures its own peak memory.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from replysite.model import frontmatter, settings
from replysite.model.problems import Problem
from replysite.model.reply import parse_reply
from tests.sitebuild import ROOT

PATH = "replies/2018/x.md"
FIELDS = "title: 关于改善老旧小区供暖的建议\ndoc_number: 许住建〔2018〕8号\n"
MAX_MB = 300
CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from replysite.model import frontmatter, settings
from replysite.model.reply import parse_reply
frontmatter.MAX_CHARS = int(sys.argv[2])
if sys.argv[3] == "python":
    import yaml
    class PythonLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = {}
    frontmatter._TextOnlyLoader = PythonLoader
text = sys.stdin.read()
start = time.perf_counter()
_, problems = parse_reply("replies/2018/x.md", text, settings.Settings())
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"problems": [[p.line, p.field, p.message] for p in problems], "seconds": seconds, "mb": peak}))
"""


class _PythonLoader(yaml.SafeLoader):
    """The loader used where libyaml is missing: same rules, pure-Python parser."""


_PythonLoader.yaml_implicit_resolvers = {}


@pytest.fixture(params=["libyaml", "python"], autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with libyaml and with PyYAML's own parser, which a machine without libyaml uses."""
    if request.param == "python":
        monkeypatch.setattr(frontmatter, "_TextOnlyLoader", _PythonLoader)
    return str(request.param)


def reply(front_matter: str, body: str = "吴海燕代表：\n\n答复正文。\n") -> str:
    return f"---\n{front_matter}\n---\n\n{body}"


def parse(front_matter: str) -> list[Problem]:
    return frontmatter.parse_yaml(PATH, front_matter, first_line=2)[1]


def billion_laughs(levels: int) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 10) + "]" for level in range(1, levels + 1)]
    return "\n".join(lines)


def in_child(text: str, max_chars: int, loader: str) -> dict[str, object]:
    """parse_reply on `text` in a fresh interpreter; its problems, seconds and peak memory (MB)."""
    command = [sys.executable, "-c", CHILD, str(ROOT / "hooks"), str(max_chars), loader]
    done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    result: dict[str, object] = json.loads(done.stdout)
    print(f"\n{len(text):,} characters, {loader}: {result['seconds']:.3f} s, peak {result['mb']:.0f} MB")
    assert isinstance(result["mb"], float) and result["mb"] < MAX_MB
    return result


@pytest.mark.parametrize(
    ("text", "max_chars", "line", "phrase"),
    [
        (reply("title: " + "[" * 200_000), frontmatter.MAX_CHARS, 2, "元数据过长"),
        (reply("title: " + "[" * 200_000), 10**7, 2, "嵌套超过 10 层"),
        (reply("title: " + "[" * 200_000 + "]" * 200_000), 10**7, 2, "嵌套超过 10 层"),
        (reply(FIELDS + "cc:\n" + "- " * 200_000 + "市政府督查室"), 10**7, 5, "嵌套超过 10 层"),
        (reply(FIELDS + billion_laughs(9)), frontmatter.MAX_CHARS, 4, "不支持 YAML 锚点“&l0”"),
        (reply(FIELDS + billion_laughs(12)), frontmatter.MAX_CHARS, 16, "不支持 YAML 锚点“&l12”"),
    ],
    ids=["200000-levels", "200000-levels-unbounded-size", "200000-levels-closed", "block-nesting", "bomb-9", "bomb-12"],
)
def test_worst_inputs_end_in_a_problem_in_bounded_time_and_memory(
    text: str, max_chars: int, line: int, phrase: str, loader: str
) -> None:
    result = in_child(text, max_chars, loader)
    problems = result["problems"]
    assert isinstance(problems, list)
    assert any(found_line == line and phrase in message for found_line, _, message in problems), problems
    assert isinstance(result["seconds"], float) and result["seconds"] < 10


def test_deep_nesting_is_refused_without_recursion() -> None:
    problems = frontmatter.refuse_hostile(PATH, "cc: " + "[" * 200_000, first_line=2)
    assert [(p.line, p.field) for p in problems] == [(2, "cc")]
    assert "嵌套超过 10 层" in problems[0].message


def test_front_matter_needs_two_levels_and_may_have_ten() -> None:
    assert parse(FIELDS + "contact: {unit: 城建科}\ncc: [[[[[[[[[市政府督查室]]]]]]]]]") == []
    assert "嵌套超过 10 层" in parse(FIELDS + "cc: [[[[[[[[[[市政府督查室]]]]]]]]]]")[0].message


@pytest.mark.parametrize(
    ("front_matter", "line", "field", "phrase"),
    [
        ("title: 关于供暖的建议\nsigner: *t", 3, "signer", "不支持 YAML 引用“*t”"),
        ("title: &t 关于供暖的建议", 2, "title", "不支持 YAML 锚点“&t”"),
        ("title: *t 关于供暖的建议", 2, "title", "不支持 YAML 引用“*t”"),
        ("cc: &cc [市政府督查室, *cc]", 2, "cc", "不支持 YAML 锚点“&cc”"),
        ("number: !!int 4", 2, "number", "不支持 YAML 类型标记“!!int”"),
        ("signer: ! 陈立新", 2, "signer", "不支持 YAML 类型标记“!”"),
        ("proposers: !!python/tuple [吴海燕]", 2, "proposers", "“!!python/tuple”"),
        ("contact: !!python/object:os.system {unit: 城建科}", 2, "contact", "“!!python/object:os.system”"),
        ("cc:\n  - !!map {a: b}", 3, "front matter", "“!!map”"),
        ("title: 关于供暖\n--- !!set\n? a", 3, "front matter", "“!!set”"),
    ],
)
def test_anchors_aliases_and_tags_are_refused_on_every_node(front_matter: str, line: int, field: str, phrase: str) -> None:
    problems = parse(front_matter)
    assert [(p.line, p.field) for p in problems] == [(line, field)]
    assert phrase in problems[0].message


def test_a_bomb_is_reported_once_a_line() -> None:
    problems = parse(billion_laughs(3))
    assert [(p.line, p.field) for p in problems] == [(2, "l0"), (3, "l1"), (4, "l2"), (5, "l3")]


def test_a_string_tag_stays_accepted() -> None:
    meta, problems = frontmatter.parse_yaml(PATH, 'number: !!str 004\ntitle: "!重要"', first_line=2)
    assert problems == [] and meta is not None and isinstance(meta.data, dict)
    assert (meta.data["number"].data, meta.data["title"].data) == ("004", "!重要")


def test_front_matter_size_is_bounded() -> None:
    assert parse("title: " + "长" * (frontmatter.MAX_CHARS - 7)) == []
    problems = parse("title: " + "长" * (frontmatter.MAX_CHARS - 6))
    assert [(p.line, p.field) for p in problems] == [(2, "front matter")]
    assert f"最多 {frontmatter.MAX_CHARS} 个" in problems[0].message


@pytest.mark.parametrize(
    ("escape", "shown"),
    [(r"\f", "换页符（U+000C）"), (r"\x01", "U+0001"), (r"\0", "空字符（U+0000）"), (r"\uFFFE", "U+FFFE"),
     (r"\x7f", "删除符（U+007F）"), (r"\x9b", "U+009B"), (r"\U0010FFFF", "U+10FFFF"), (r"\e", "U+001B")],
)
def test_control_characters_from_escapes_are_refused(escape: str, shown: str) -> None:
    problems = parse(f'title: "关于{escape}供暖"\ncontact: {{unit: "城建科{escape}"}}\ncc: ["{escape}"]')
    assert [(p.line, p.field) for p in problems] == [(2, "title"), (3, "contact.unit"), (4, "cc")]
    assert all(shown in p.message for p in problems)


def test_tab_newline_and_ordinary_text_pass() -> None:
    assert parse(r'title: "关于\t供暖"' + '\ncc: ["抄送\\t单位", "\u3000全角空格\u200b"]') == []


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\U0001fffe"])
def test_raw_control_characters_are_refused_in_front_matter_and_body(character: str) -> None:
    text = reply(f"{FIELDS}signer: 陈{character}立新", f"吴海燕代表：\n\n答复{character}正文。\n")
    reply_, problems = parse_reply(PATH, text, settings.Settings())
    assert reply_ is None
    assert [(p.line, p.field) for p in problems] == [(4, "signer"), (9, "body")]
    assert all(f"U+{ord(character):04X}" in p.message for p in problems)
    assert "第 10 个字符" in problems[0].message and "第 3 个字符" in problems[1].message


def test_many_lines_of_control_characters_are_counted_not_listed() -> None:
    _, problems = parse_reply(PATH, reply(FIELDS, "\x0c\n" * 1000), settings.Settings())
    problems = [problem for problem in problems if problem.field == "body" and "正文是空的" not in problem.message]
    assert len(problems) == frontmatter.MAX_CONTROL_LINES + 1
    assert "另有 980 行" in problems[-1].message


@pytest.mark.parametrize(
    "front_matter",
    ["title: \x00", "title: 'a", "{", "[", "&", "*", "!", "? [a]: b", "title: a\n--- b", "%TAG ! tag:x,1:\n--- !foo a",
     "title: \"\\uD800\"", "title: \"\\q\"", "- " * 5000, "{a: " * 5000, "title: a\n  b: c", "\ufeff: a", "a: b\x85c: d"],
)
def test_no_front_matter_makes_the_model_raise(front_matter: str) -> None:
    assert all(p.path == PATH and p.line >= 2 and p.message for p in parse(front_matter))
    _, problems = parse_reply(PATH, reply(front_matter), settings.Settings())
    assert problems and all(p.line >= 1 for p in problems)


def test_reader_errors_are_located() -> None:
    problems = parse("title: 关于供暖\nsigner: 陈\x01立新")
    assert [(p.line, p.field) for p in problems] == [(3, "signer")]
    assert "YAML 格式错误" in problems[0].message
