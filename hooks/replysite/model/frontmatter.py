"""Split a reply file into front matter and body, and read the YAML without guessing types.

Every scalar stays the text staff typed (`004` stays "004", `no` stays "no"), a key given twice
is an error, and each value keeps the line it was written on so errors can point at it.
Hostile YAML (anchors and aliases, tags, deep nesting, control characters) is refused before
anything is built from it, so no file can make the model recurse, hang or fill the memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from replysite.model.problems import Problem

FENCE = "---"
STR_TAG = "tag:yaml.org,2002:str"
MAX_CHARS = 20_000  # real front matter is under 1,000 characters; the body has no such bound
MAX_DEPTH = 10  # front matter needs 2 levels (contact: {unit: …}); deeper is a mistake or an attack
MAX_CONTROL_LINES = 20  # lines reported one by one; the rest are counted in one more problem

# What XML 1.0 forbids (every feed would be ill-formed) and what nobody types on purpose:
# C0 controls but tab, LF and CR; DEL; C1; surrogates; noncharacters (U+FDD0-FDEF, U+nFFFE/U+nFFFF).
_NONCHARACTERS = "".join(rf"\U{plane:04X}FFFE\U{plane:04X}FFFF" for plane in range(17))
CONTROL = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
_CONTROL_NAMES = {"\x00": "空字符", "\x0b": "垂直制表符", "\x0c": "换页符", "\x7f": "删除符", "\x85": "下一行符"}


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
    """Cut `text` into front matter and body; report a missing or unclosed fence and control characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    first = lines[0].rstrip("\r").strip()
    if first != FENCE:
        return None, [_missing_fence(path, lines)]
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r").rstrip() in (FENCE, "..."):
            body = "\n".join(lines[index + 1 :])
            controls = raw_controls(path, lines, body_line=index + 2)
            if any(problem.line <= index for problem in controls):  # in the YAML, whose reader would fail on it
                return Document(None, body, index + 2), controls
            meta, problems = parse_yaml(path, "\n".join(lines[1:index]), first_line=2)
            return Document(meta, body, index + 2), problems + controls
    return None, [
        Problem(path, 1, "front matter", "开头的 --- 没有对应的结尾：请在元数据之后另起一行写 ---，再写正文。")
    ]


def raw_controls(path: str, lines: list[str], body_line: int) -> list[Problem]:
    """Control characters typed or pasted into the file, whose body starts on line `body_line`."""
    # Every character CONTROL matches is unprintable, so a printable line (nearly all) needs no regex.
    found = [
        (number, match) for number, line in enumerate(lines, start=1) if not line.isprintable() and (match := CONTROL.search(line))
    ]
    problems = [
        Problem(
            path, number, "body" if number >= body_line else _key_of(lines[number - 1]),
            f"第 {match.start() + 1} 个字符是看不见的{describe(match.group())}，会使网页和订阅源出错："
            "请删去它（常在从 PDF、Word 或网页复制文字时带入）。",
        )
        for number, match in found[:MAX_CONTROL_LINES]
    ]
    if len(found) > MAX_CONTROL_LINES:
        number = found[MAX_CONTROL_LINES][0]
        problems.append(Problem(
            path, number, "body" if number >= body_line else "front matter",
            f"从这一行起另有 {len(found) - MAX_CONTROL_LINES} 行也含有控制字符：请一并删去。",
        ))
    return problems


def describe(character: str) -> str:
    """A control character as staff can find it: its name where it has a common one, and its code point."""
    name = _CONTROL_NAMES.get(character) or ("控制字符" if ord(character) < 0xA0 else "无效字符")
    return f"{name}（U+{ord(character):04X}）"


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
    refused = _too_long(path, yaml_text, first_line)
    if refused:
        return None, refused
    problems: list[Problem] = _full_width_colons(path, yaml_text, first_line)
    yaml_text = _with_ascii_colons(yaml_text)  # read on as if corrected, so every other mistake shows too
    refused = refuse_hostile(path, yaml_text, first_line)  # first: it stops at an alias bomb or a level too deep
    if refused and not all(problem.message.startswith(YAML_ERROR) for problem in refused):
        return None, problems + refused
    if refused:  # a line YAML cannot read, and nothing hostile before it
        mended = _mending(path, yaml_text, first_line, problems)
        if mended is None:
            return None, problems
        refused = refuse_hostile(path, mended, first_line)
        if refused:
            return None, problems + refused
        yaml_text = mended
    try:
        node = yaml.compose(yaml_text, Loader=_TextOnlyLoader)
    except yaml.YAMLError as error:
        return None, [*problems, _yaml_problem(path, error, first_line, yaml_text)]
    if node is None:
        if not problems:
            problems.append(Problem(path, first_line, "front matter", "元数据是空的：请填写 title、doc_number 等字段。"))
        return None, problems
    problems += _cut_by_comments(path, node, yaml_text, first_line)
    value = _convert(path, node, first_line, problems, "front matter")
    if not isinstance(value.data, dict):
        problems.append(Problem(
            path, value.line, "front matter",
            "元数据应是“字段: 值”的列表，每行一个字段，冒号用英文半角“:”且后面留一个空格。",
        ))
        return None, problems
    return value, problems


def _too_long(path: str, yaml_text: str, first_line: int) -> list[Problem]:
    if len(yaml_text) <= MAX_CHARS:
        return []
    message = (
        f"元数据过长（{len(yaml_text)} 个字符，最多 {MAX_CHARS} 个）：两行 --- 之间只写 title、doc_number 等字段，"
        "正文请写在结尾的 --- 之后。"
    )
    return [Problem(path, first_line, "front matter", message)]


def refuse_hostile(path: str, yaml_text: str, first_line: int) -> list[Problem]:
    """Anchors, aliases, tags and deep nesting, found in YAML's event stream before anything is composed.

    Reading events is iterative and keeps nothing, so an alias bomb is never expanded and 200,000
    opening brackets cost no recursion; the walk stops at the first level too deep.
    """
    lines = yaml_text.split("\n")
    found: dict[int, Problem] = {}  # one problem a line: a bomb repeats its aliases
    try:
        for line, message in _hostile_events(yaml.parse(yaml_text, Loader=_TextOnlyLoader)):
            found.setdefault(line, Problem(path, line + first_line, _key_of(lines[line] if line < len(lines) else ""), message))
    except yaml.YAMLError as error:
        problem = _yaml_problem(path, error, first_line, yaml_text)
        found.setdefault(problem.line - first_line, problem)
    return sorted(found.values())


def _hostile_events(events: Iterator[yaml.Event]) -> Iterator[tuple[int, str]]:
    """(0-based line, message) for each event staff never need to write."""
    depth = 0
    for event in events:
        line = event.start_mark.line
        if isinstance(event, yaml.AliasEvent):
            yield line, f"不支持 YAML 引用“*{event.anchor}”：请直接写出这个值；值以“*”开头时请把整个值用英文双引号括起来。"
            continue
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            yield line, f"不支持 YAML 锚点“&{event.anchor}”：请直接写出每个值；值以“&”开头时请把整个值用英文双引号括起来。"
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == STR_TAG):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            yield line, f"不支持 YAML 类型标记“{shown}”：请去掉以“!”开头的标记，直接写值；值以“!”开头时请整体加英文双引号。"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                yield line, f"嵌套超过 {MAX_DEPTH} 层：元数据最多两层（如 contact: {{unit: …}}），请检查多余的“[”“{{”或缩进。"
                return
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+)\s*：")


MAX_MENDS = 20  # YAML errors reported in one file before giving up on the rest of it
YAML_ERROR = "YAML 格式错误"


def _mending(path: str, yaml_text: str, first_line: int, problems: list[Problem]) -> str | None:
    """The YAML with each line its reader cannot read reported, then mended (its value quoted), so the rest is read on.

    Only YAML's event stream is read here (iterative, nothing expanded); None when a line cannot be mended.
    """
    mended: set[int] = set()
    for _ in range(MAX_MENDS):
        try:
            for _event in yaml.parse(yaml_text, Loader=_TextOnlyLoader):
                pass
            return yaml_text
        except yaml.YAMLError as error:
            problem = _yaml_problem(path, error, first_line, yaml_text)
            problems.append(problem)
            if isinstance(error, yaml.reader.ReaderError):  # a character YAML cannot read at all: no value to mend
                return None
            offset = problem.line - first_line
            lines = yaml_text.split("\n")
            if offset in mended or not 0 <= offset < len(lines):
                return None
            mended.add(offset)
            lines[offset] = _mended(lines[offset])
            yaml_text = "\n".join(lines)
    return None


def _mended(line: str) -> str:
    """A line as staff meant it: `key: value` with the whole value quoted, tabs as spaces; else left out."""
    match = re.match(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:\s?(.*)$", line.replace("\t", " "))
    if not match:
        return ""  # no key at all: read the rest without it
    return f"{match[1]}{match[2]}: {json.dumps(match[3].strip(), ensure_ascii=False)}"


def _with_ascii_colons(yaml_text: str) -> str:
    lines = yaml_text.split("\n")
    for index, line in enumerate(lines):
        match = _FULL_WIDTH_KEY.match(line)
        if match:
            lines[index] = line[: match.end(1)] + ": " + line[match.end() :].lstrip()
    return "\n".join(lines)


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


_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s|$)")


def _key_of(line: str) -> str:
    """The field a line of front matter starts, as far as one line can tell."""
    match = _KEY.match(line)
    return match.group(1) if match else "front matter"


def _convert(path: str, node: yaml.Node, first_line: int, problems: list[Problem], name: str) -> Value:
    """The node as a `Value`; `name` is the field it belongs to (contact.unit for nested ones)."""
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.ScalarNode):
        problems += escaped_controls(path, line, name, str(node.value))
        return Value(str(node.value), line)
    if isinstance(node, yaml.SequenceNode):
        return Value([_convert(path, item, first_line, problems, name) for item in node.value], line)
    assert isinstance(node, yaml.MappingNode)
    return _convert_mapping(path, node, first_line, problems, name)


def escaped_controls(path: str, line: int, name: str, text: str) -> list[Problem]:
    """Control characters that a backslash escape inside double quotes put into a value."""
    found = sorted(set(CONTROL.findall(text)))
    if not found:
        return []
    shown = "、".join(describe(character) for character in found[:5])
    message = f"值中含有看不见的{shown}，会使网页和订阅源出错：请删去引号内的 \\f、\\x01、\\0 之类的转义。"
    return [Problem(path, line, name, message)]


def _convert_mapping(path: str, node: yaml.MappingNode, first_line: int, problems: list[Problem], name: str) -> Value:
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
        problems += escaped_controls(path, key_line, "front matter", key)
        data[key] = _convert(path, value_node, first_line, problems, key if name == "front matter" else f"{name}.{key}")
        keys[key] = key_line
    return Value(data, node.start_mark.line + first_line, keys)


def _yaml_problem(path: str, error: yaml.YAMLError, first_line: int, yaml_text: str) -> Problem:
    """Any error of the YAML library as a located problem: no input may end in a traceback."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    position = getattr(error, "position", None)  # a ReaderError has a position instead of a mark
    offset = mark.line if mark else yaml_text.count("\n", 0, position) if position is not None else 0
    lines = yaml_text.split("\n")
    source = lines[offset] if (mark or position is not None) and offset < len(lines) else ""
    key = source.split(":", 1)[0].strip() if ":" in source else "front matter"
    hint = _yaml_hint(source)
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or ""
    reason = _REASONS.get(problem, problem or "格式错误")
    return Problem(path, offset + first_line, key or "front matter", f"{YAML_ERROR}（{reason}），该行为“{source.strip()}”。{hint}")


_REASONS = {
    "mapping values are not allowed here": "这里不能出现“: ”",
    "mapping values are not allowed in this context": "这里不能出现“: ”",
    "did not find expected key": "值的写法不完整",
    "found character '\\t' that cannot start any token": "含有制表符",
    "expected <block end>, but found '<scalar>'": "值的写法不完整",
    "could not find expected ':'": "缺少英文冒号“:”",
    "found unexpected end of stream": "引号或括号没有闭合",
    "found invalid Unicode character escape code": "引号内的 \\u 转义不是有效的字符",
}


def _yaml_hint(source: str) -> str:
    if "\t" in source:
        return "请把制表符（Tab）换成空格。"
    value = source.split(":", 1)[1].strip() if ":" in source else ""
    if value[:1] in "[{&*!|>%@`":
        return f"值以“{value[:1]}”开头时请整体加英文引号，例如 \"{value}\"。"
    return "值中含有冒号、井号或方括号时，请把整个值用英文双引号括起来。"
