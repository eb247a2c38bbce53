"""Split a reply file into front matter and body, and read the YAML without guessing types.

Every scalar stays the text staff typed (`004` stays "004", `no` stays "no"), a key given twice
is an error, and each value keeps the line it was written on so errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem

FENCE = "---"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"


@dataclass(frozen=True)
class Value:
    """A value read from front matter with the file line it starts on (1-based)."""

    data: str | list[Value] | dict[str, Value]
    line: int
    keys: dict[str, int] = field(default_factory=dict)  # for mappings: key -> line


@dataclass(frozen=True)
class Document:
    """A reply file cut into its parts."""

    meta: Value | None
    body: str
    body_line: int


class _TextOnlyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A loader whose only implicit type is text: no ints, bools, dates or nulls (libyaml when present)."""


_TextOnlyLoader.yaml_implicit_resolvers = {}


def split(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Cut `text` into front matter and body; report a missing or unclosed fence."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    first = lines[0].rstrip("\r").strip()
    if first != FENCE:
        return None, [_missing_fence(path, lines)]
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r").rstrip() in (FENCE, "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            meta, problems = parse_yaml(path, yaml_text, first_line=2)
            return Document(meta, body, index + 2), problems
    return None, [
        Problem(path, 1, "front matter", "开头的 --- 没有对应的结尾：请在元数据之后另起一行写 ---，再写正文。")
    ]


def _missing_fence(path: str, lines: list[str]) -> Problem:
    for number, line in enumerate(lines, start=1):
        if line.strip() == FENCE:
            return Problem(
                path, number, "front matter",
                f"第 {number} 行的 --- 之前还有内容：文件第一行必须就是 ---（前面不能有空行或文字）。",
            )
    return Problem(
        path, 1, "front matter",
        "缺少元数据：文件应以一行 --- 开头，接着写 title、doc_number 等字段，再以一行 --- 结束，然后是正文。",
    )


def parse_yaml(path: str, yaml_text: str, first_line: int) -> tuple[Value | None, list[Problem]]:
    """Parse front matter YAML whose first line is line `first_line` of the file."""
    colons = _full_width_colons(path, yaml_text, first_line)
    if colons:
        return None, colons
    try:
        node = yaml.compose(yaml_text, Loader=_TextOnlyLoader)
    except yaml.MarkedYAMLError as error:
        return None, [_yaml_problem(path, error, first_line, yaml_text)]
    if node is None:
        return None, [Problem(path, first_line, "front matter", "元数据是空的：请填写 title、doc_number 等字段。")]
    problems: list[Problem] = _cut_by_comments(path, node, yaml_text, first_line)
    value = _convert(path, node, first_line, problems)
    if not isinstance(value.data, dict):
        problems.append(Problem(
            path, value.line, "front matter",
            "元数据应是“字段: 值”的列表，每行一个字段，冒号用英文半角“:”且后面留一个空格。",
        ))
        return None, problems
    return value, problems


_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+)\s*：")


def _full_width_colons(path: str, yaml_text: str, first_line: int) -> list[Problem]:
    """A key written with the Chinese colon `：` reads as plain text in YAML; catch it before parsing."""
    problems = []
    for offset, line in enumerate(yaml_text.split("\n")):
        match = _FULL_WIDTH_KEY.match(line)
        if match:
            key = match.group(1)
            problems.append(Problem(
                path, first_line + offset, key,
                f"字段名后用了中文全角冒号“：”：请改成英文半角冒号加空格，写作“{key}: …”。",
            ))
    return problems


def _cut_by_comments(path: str, root: yaml.Node, yaml_text: str, first_line: int) -> list[Problem]:
    """A ` #` after a plain value starts a YAML comment, silently dropping the rest of the value."""
    lines = yaml_text.split("\n")
    problems = []
    for node in _scalars(root):
        end = node.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if not node.style and rest.lstrip().startswith("#"):  # plain style: None, or "" from libyaml
            kept = str(node.value)
            problems.append(Problem(
                path, end.line + first_line, _key_of(lines[end.line]),
                f"“#”及其后的文字（{rest.strip()}）被当作注释丢掉了，只剩“{kept}”：值中含 # 时请把整个值用英文双引号括起来。",
            ))
    return problems


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    children = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
    return [scalar for child in children for scalar in _scalars(child)]


def _key_of(line: str) -> str:
    return line.split(":", 1)[0].strip().lstrip("- ") or "front matter" if ":" in line else "front matter"


def _convert(path: str, node: yaml.Node, first_line: int, problems: list[Problem]) -> Value:
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.ScalarNode):
        if node.tag != STR_TAG:
            problems.append(Problem(path, line, "front matter", f"不支持 YAML 类型标记 {node.tag}：请去掉 “!” 开头的标记。"))
        return Value(str(node.value), line)
    if isinstance(node, yaml.SequenceNode):
        return Value([_convert(path, item, first_line, problems) for item in node.value], line)
    assert isinstance(node, yaml.MappingNode)
    return _convert_mapping(path, node, first_line, problems)


def _convert_mapping(path: str, node: yaml.MappingNode, first_line: int, problems: list[Problem]) -> Value:
    data: dict[str, Value] = {}
    keys: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + first_line
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, key_line, "front matter", "字段名必须是文字，例如 title:"))
            continue
        key = str(key_node.value)
        if key in data:
            problems.append(Problem(
                path, key_line, key,
                f"字段重复：第 {keys[key]} 行已经写过 {key}，请删去其中一个。",
            ))
            continue
        data[key] = _convert(path, value_node, first_line, problems)
        keys[key] = key_line
    return Value(data, node.start_mark.line + first_line, keys)


def _yaml_problem(path: str, error: yaml.MarkedYAMLError, first_line: int, yaml_text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = (mark.line if mark else 0) + first_line
    source = yaml_text.split("\n")[line - first_line] if mark and line - first_line < len(yaml_text.split("\n")) else ""
    key = source.split(":", 1)[0].strip() if ":" in source else "front matter"
    hint = _yaml_hint(source)
    reason = _REASONS.get(error.problem or "", error.problem or "格式错误")
    return Problem(path, line, key or "front matter", f"YAML 格式错误（{reason}），该行为“{source.strip()}”。{hint}")


_REASONS = {
    "mapping values are not allowed here": "这里不能出现“: ”",
    "found character '\\t' that cannot start any token": "含有制表符",
    "expected <block end>, but found '<scalar>'": "值的写法不完整",
    "could not find expected ':'": "缺少英文冒号“:”",
    "found unexpected end of stream": "引号或括号没有闭合",
    "found undefined alias": "“*”开头的值被当作引用",
}


def _yaml_hint(source: str) -> str:
    if "\t" in source:
        return "请把制表符（Tab）换成空格。"
    value = source.split(":", 1)[1].strip() if ":" in source else ""
    if value[:1] in "[{&*!|>%@`":
        return f"值以“{value[:1]}”开头时请整体加英文引号，例如 \"{value}\"。"
    return "值中含有冒号、井号或方括号时，请把整个值用英文双引号括起来。"
