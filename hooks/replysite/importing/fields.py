"""Read each metadata field from the parts of a letter, in the many ways letters write them.

Patterns run on `fold`ed text (full-width forms as ASCII, position for position), so one pattern
matches `办理结果：（C）` and `办理结果:(C)` alike; values are cut from the original where the
letter's own punctuation should stay (抄送 with its copy counts) and from the folded text where
ASCII is wanted (文号 digits, grades, phone numbers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from replysite.importing.dates import find_dates, standalone_date
from replysite.importing.layout import SECTION
from replysite.importing.parts import HEADING_ANCHOR, SIGNATURE_MAX, SIGNATURE_SUFFIX, is_salutation
from replysite.importing.text import CJK, DASHES, fold, tidy_spaces
from replysite.model.reply import Contact

NAME = f"[{CJK}·]"
DOC_NUMBER = re.compile(
    rf"(?P<org>[{CJK}]{{1,10}})\s*[〔\[【(〈]\s*(?P<year>\d{{4}})\s*[〕\]】)〉]\s*(?:第\s*)?(?P<seq>\d{{1,5}}|来信)\s*号"
)
SIGNER = re.compile(
    r"(?:签\s*发\s*人|簽\s*發\s*人|领\s*导\s*签\s*发|領\s*導\s*簽\s*發|(?:主\s*要\s*)?签\s*发\s*领\s*导|(?:主\s*要\s*)?簽\s*發\s*領\s*導)\s*[:：]?\s*"
)
MEETING_SPLIT = re.compile(r"关于对|关于|对于|对")
NUMBER = r"[0-9A-Za-z-]+|来信"  # 来信号: a proposal sent by letter, numbered so
ANCHOR_PARTS = re.compile(
    rf"(?:第\s*|(?<=会议)|^)(?P<number>{NUMBER})\s*号\s*(?:代表)?\s*(?P<kind>提案|建议|议案)"
    rf"|(?P<kind2>提案|建议|议案)\s*:?\s*第\s*(?P<number2>{NUMBER})\s*号"
    rf"|第\s*(?P<number3>{NUMBER})\s*号\s*[“\"][^”\"]{{4,120}}?(?P<kind3>提案|建议|议案)\s*[”\"]\s*的(?:答复|复函|回复)"
)
TITLE_PATTERNS = (
    re.compile(r"关于\s*[“\"「『](?P<title>.+?)[”\"」』]\s*的?\s*(?:代表)?(?:提案|建议|议案)"),
    re.compile(r"《\s*(?:关于)?(?P<title>.+?)的?(?:提案|建议|议案)\s*》"),
    re.compile(r"关于(?P<title>[^“”\"《》]{4,80}?)[”\"]?的(?:提案|建议|议案)(?:收悉|已收悉)"),
    re.compile(r"提出的?\s*[“\"](?P<title>关于[^“”\"]{4,80}?)[”\"]"),  # “关于…的提案”, “关于…问题” quoted whole
    re.compile(r"《\s*(?P<title>关于[^》《]{4,80}?的(?:提案|建议|议案))(?:提案|建议)?(?:已)?收悉"),  # 《 never closed
)
SUBJECT_ENDS = re.compile(r"^关于\s*|\s*的\s*(?:提案|建议|议案)$")
_COUNT = r"等\s*[\d一二三四五六七八九十]*\s*[名位个人]?\s*"
PROPOSER_SUFFIX = re.compile(rf"(?:{_COUNT})?(?:代表|委员|同志|先生|女士)$|{_COUNT}(?:代表|委员)?$")
PROPOSER_LABEL = re.compile(r"^\s*(?:代\s*表\s*姓\s*名|建\s*议\s*人|提\s*案\s*人|领\s*衔\s*代\s*表)\s*[:：]\s*(?=\S)")
THIRD_PERSON = re.compile(rf"^(?P<names>[{CJK}·、]{{2,40}}?)(?:{_COUNT})?(?:代表|委员)(?:提出|所提|领衔)")
PHONE = re.compile(
    rf"(?<!\d)(?:1[3-9]\d{{9}}|(?:\(?0\d{{2,3}}\)?\s*[{DASHES}]?\s*)?\d{{7,8}}(?:\s*(?:[{DASHES}]|转)\s*\d{{1,4}})?|\d{{5,6}})(?!\d)"
)
CONTACT_LABEL = re.compile(
    r"(?P<label>联\s*系\s*单\s*位\s*及\s*电\s*话|联\s*系\s*单\s*位|承\s*办\s*单\s*位|联\s*系\s*人\s*及\s*电\s*话|联\s*系\s*人|经\s*办\s*人|承\s*办\s*人|联\s*系\s*电\s*话|联\s*系\s*方\s*式|电\s*话)\s*[:：]"
)
HEADING_AGENCY = re.compile(r"^(?P<agency>[^:。，,;；]{4,30}?)(?:关于对|关于|对)")  # 镇康县水务局关于对…的答复函
CC = re.compile(r"^\s*抄\s*[送报]\s*[:：]\s*")  # 抄报 (copies to superiors) goes in cc too


def doc_number(lines: Sequence[str]) -> str:
    """The letter's 文号 in the site's form (许教〔2018〕76号), from whichever brackets it used."""
    for line in lines:
        match = DOC_NUMBER.search(tidy_spaces(fold(line)))
        if match:
            return f"{match['org']}〔{match['year']}〕{match['seq']}号"
    return ""


def grade(lines: Sequence[str], codes: Sequence[str]) -> str:
    """The 办理结果 grade, as `办理结果：B`, `办理结果类别：C类`, `(A)类` alone, `类别：B` or `…11号A类`."""
    code = "|".join(re.escape(item) for item in sorted(codes, key=len, reverse=True))
    patterns = (
        rf"办\s*理\s*结\s*果(?:\s*类\s*别)?\s*(?:[:：为是]|类\s*别)?\s*\(?\s*(?P<g>{code})\s*\)?\s*类?(?![A-Za-z])",
        rf"^\s*\(\s*(?P<g>{code})\s*\)\s*类?\s*$|^\s*(?P<g2>{code})\s*类\s*$",
        rf"(?<![理果])类\s*别\s*[:：]\s*\(?\s*(?P<g>{code})\s*\)?\s*类?(?![A-Za-z])",
        rf"号\s*\(?\s*(?P<g>{code})\s*\)?\s*类",
    )
    for pattern in patterns:
        for line in lines:
            match = re.search(pattern, tidy_spaces(fold(line)))
            if match:
                return match["g"] or match.groupdict().get("g2") or ""
    return ""


def first_line_grade(header: Sequence[str], codes: Sequence[str]) -> str:
    """A grade standing alone on the letter's very first line (`C`), as some bodies print it above the letterhead."""
    first = next((fold(line).strip() for line in header if line.strip()), "")
    return first if first in codes else ""


def signer(lines: Sequence[str]) -> str:
    """签发人, written `签发人：`, `签 发 人：`, `簽發人：` or `领导签发：`; a spaced two-character name is closed up."""
    for line in lines:
        folded = tidy_spaces(fold(line))
        match = SIGNER.search(folded)
        if match:
            return _name_after(folded, match.end())
    return ""


def _name_after(line: str, start: int) -> str:
    """The person's name at `start` of `line`: Chinese characters, or two single ones spaced apart (张  伟)."""
    match = re.match(rf"\s*({NAME}+)(?:(\s{{1,4}})({NAME})(?!{NAME}))?", tidy_spaces(line[start:]))
    if not match:
        return ""
    first, second = match[1], match[3]
    if second and len(first) == 1:
        return first + second
    return first


def heading(lines: Sequence[str]) -> tuple[str, str, str]:
    """Kind, meeting and number from the heading (对市政协七届二次会议第004号提案的答复), even across two lines.

    A page may give the heading twice, once without its meeting (第27号提案的答复): the first that names one wins.
    """
    found: tuple[str, str, str] = ("", "", "")
    for index, line in enumerate(lines):
        folded = tidy_spaces(fold(line))
        match = ANCHOR_PARTS.search(folded)
        if not match:
            continue
        kind = match["kind"] or match["kind2"] or match["kind3"]
        number = match["number"] or match["number2"] or match["number3"]
        meeting = _meeting_before(folded[: match.start()], lines[:index])
        if meeting:
            return kind, _fuller(meeting, lines), number
        found = found if found[0] else (kind, "", number)
    return found


def _meeting_before(before: str, above: Sequence[str]) -> str:
    """The meeting named before the anchor, or on the line above when the heading was cut in two."""
    previous = next((fold(item).strip() for item in reversed(above) if item.strip()), "")
    if "会议" not in before or _opens_heading(previous):
        before = previous + before.strip()
    meeting = MEETING_SPLIT.split(re.sub(r"\s+", "", before))[-1]
    meeting = meeting.removesuffix("代表").removesuffix("上").removesuffix("提出的").removesuffix("期间")
    return meeting if meeting.endswith("会议") else ""


def _fuller(meeting: str, lines: Sequence[str]) -> str:
    """The same meeting named in full elsewhere in the heading (清原满族自治县八届… for 县八届…)."""
    for line in lines:
        match = re.search(rf"([{CJK}]{{1,20}}){re.escape(meeting)}", re.sub(r"\s+", "", fold(line)))
        prefix = MEETING_SPLIT.split(match[1].lstrip("年"))[-1] if match else ""
        if len(prefix) >= 2 and meeting[0] in "省市州盟县区旗" and not re.search(r"[在的于对向您你们上了和及]", prefix):
            return prefix + meeting  # a place's name before 县…会议, never 您在…
    return meeting


def _opens_heading(line: str) -> bool:
    """Whether `line` is the first half of a heading cut in two (关于市政协…委员会 / 第二次会议第4号提案…)."""
    text = re.sub(r"\s+", "", line)
    return bool(re.match(r"^(?:\S{0,20}关于|对)", text)) and "答复" not in text and len(text) <= 40 and ":" not in text


def kind_from_text(lines: Sequence[str]) -> str:
    """提案, 建议 or 议案 from the first sentence (…的提案收悉) when the heading does not say."""
    for line in lines:
        match = re.search(r"(提案|建议|议案)[”》\"]?\s*[,，]?\s*(?:已|已经)?(?:收悉|交由?我)", fold(line))
        if match:
            return match[1]
    return ""


def title(paragraphs: Sequence[str]) -> str:
    """The subject of the proposal as the first sentence quotes it (关于“…”的提案)."""
    for paragraph in paragraphs[:4]:
        text = tidy_spaces(paragraph)
        for pattern in TITLE_PATTERNS:
            match = pattern.search(text)
            if match:
                return subject(match["title"])
    return ""


def subject(text: str) -> str:
    """The subject alone, as the site stores it: without a leading 关于 and a trailing 的提案/的建议."""
    return SUBJECT_ENDS.sub("", SUBJECT_ENDS.sub("", text.strip())).strip()


def proposers(header: Sequence[str], body: Sequence[str]) -> tuple[str, ...]:
    """The proposers: a labelled field (代表姓名：, 建议人：), else the body's own words when the letter is
    a 协办/会办 opinion to the lead unit (刘永顺委员提出的…), else the salutation."""
    for line in header:
        match = PROPOSER_LABEL.match(fold(line))
        if match:
            return _names(line[match.end() :])
    if not body:
        return ()
    unit, named = opinion_to_unit(body)
    return named if unit else salutation_names(body[0])


def opinion_to_unit(body: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The unit a letter is addressed to and the proposers its first sentence names, when it writes to
    another body about the proposal (区公安局： / 刘永顺委员提出的…提案收悉) rather than to the proposer."""
    opening = next((tidy_spaces(line) for line in body[1:] if line.strip()), "")
    named = THIRD_PERSON.match(re.sub(r"\s+", "", opening))
    unit = re.sub(r"\s+", "", body[0]).rstrip(":：") if body else ""
    if named and _is_signature(unit) and not re.match(r"[各贵该您你本]", named["names"]):
        return unit, _names(named["names"])
    return "", ()


def salutation_names(salutation: str) -> tuple[str, ...]:
    """Names from the salutation: `民盟许昌市委：`, `张三等3名代表：`, `张三、李四委员：`."""
    if not is_salutation(salutation):
        return ()
    return _names(re.sub(r"^尊敬的?", "", re.sub(r"\s+", "", salutation)))


def _names(text: str) -> tuple[str, ...]:
    names = [PROPOSER_SUFFIX.sub("", name) for name in re.split(r"[、，,；;]", re.sub(r"\s+", "", text).rstrip(":：。"))]
    return tuple(name for name in names if name)


def issue_date(trailer: Sequence[str], header: Sequence[str]) -> str:
    """The date the reply was issued: the 印发 date, else the date under the signature, else one in the header."""
    issued = [day for line in trailer if re.search(r"印\s*发", line) for _, day in find_dates(line)]
    if issued:
        return issued[-1]
    signed = [standalone_date(line) for line in trailer if standalone_date(line)]
    if signed:
        return signed[-1]
    dated = [standalone_date(line) for index, line in enumerate(header) if standalone_date(line) and not _labelled(header, index)]
    if dated:
        return dated[0]
    found = [day for line in trailer for _, day in find_dates(line)]
    return found[-1] if found else ""


def _labelled(lines: Sequence[str], index: int) -> bool:
    """Whether the line above `index` is a page's metadata label (日期, 发布时间, 成文日期): a web page's date, not the letter's."""
    above = next((fold(item).strip() for item in reversed(lines[:index]) if item.strip()), "")
    return bool(re.search(r"(?:日期|时间|成文|发布)\s*:?$", above))


def contact(lines: Sequence[str]) -> Contact:
    """联系单位, 联系人 and 电话, from `联系单位及电话：`, `联系人及电话：`, `（联系人：…，联系电话：…）` and the like."""
    unit = person = phone = ""
    for line in lines:
        folded = fold(line)
        labels = list(CONTACT_LABEL.finditer(folded))
        for number, match in enumerate(labels):
            end = labels[number + 1].start() if number + 1 < len(labels) else len(folded)
            value = _ocr_dash(folded[match.end() : end])
            label = re.sub(r"\s+", "", match["label"])
            found_phone = _phone(value)
            phone = phone or found_phone
            if label in ("联系单位及电话", "联系单位", "承办单位"):
                unit = unit or _unit(_ocr_dash(line[match.end() : end]), found_phone)
            elif label in ("联系人及电话", "联系人", "经办人", "承办人"):
                person = person or _name_after(line[:end], match.end())
    return Contact(unit=unit, person=person, phone=phone)


def _ocr_dash(text: str) -> str:
    """OCR reads the dash in 0374—2699897 as 一 (one): between digits it is a dash."""
    return re.sub(r"(?<=\d)\s*一\s*(?=\d)", "-", text)


def _phone(value: str) -> str:
    match = PHONE.search(value)
    if not match:
        return ""
    text = re.sub(rf"\s*[{DASHES}]\s*", "-", match[0].strip())
    return re.sub(r"\s+", "", text)


def _unit(original: str, phone: str) -> str:
    text = fold(original)
    match = PHONE.search(text)
    if phone and match:
        original = original[: match.start()]
    return re.sub(r"\s+", "", original).strip(":：,，;；。.()（）")


def cc(trailer: Sequence[str]) -> tuple[str, ...]:
    """抄送, split on `，` and `、` (outside brackets), copy counts kept as （3份）."""
    for index, line in enumerate(trailer):
        match = CC.match(fold(line))
        if not match:
            continue
        text = line[match.end() :].strip()
        label = CONTACT_LABEL.search(fold(text))
        if label:  # 抄报:县政府办 县政协提案委 联系单位: 县教育局
            text = text[: label.start()].strip()
        for following in trailer[index + 1 :]:
            if not following.strip() or text.endswith(("。", ".")) or _is_trailer_line(following):
                break
            text += following.strip()
        items = _split_outside_brackets(text.rstrip("。. "))
        if len(items) == 1:  # no comma or 、: recipients set apart by spaces
            items = re.split(r"\s+(?![(（])", items[0])
        return tuple(_cc_item(item) for item in items if _cc_item(item))
    return ()


def _is_trailer_line(line: str) -> bool:
    folded = fold(line)
    return bool(standalone_date(line) or CONTACT_LABEL.search(folded) or re.search(r"印\s*发", folded))


def _split_outside_brackets(text: str) -> list[str]:
    items, depth, current = [], 0, ""
    for char in text:
        if char in "(（[【〔":
            depth += 1
        elif char in ")）]】〕":
            depth = max(0, depth - 1)
        if depth == 0 and char in "，、,；;":
            items.append(current)
            current = ""
        else:
            current += char
    return [*items, current]


def _cc_item(item: str) -> str:
    item = re.sub(r"[(（]\s*(\d+)\s*份\s*[)）]", r"（\1份）", tidy_spaces(item.strip()))
    return tidy_spaces(item)


def agency(header: Sequence[str], trailer: Sequence[str]) -> str:
    """The answering body: the letterhead (许昌市教育局文件), the signature above the date, or the 印发 office."""
    for line in [item for item in header if item.strip()][:3]:
        text = re.sub(r"\s+", "", fold(line))
        if text.endswith("文件") and len(text) > 3:
            return text.removesuffix("文件")
    for index, line in enumerate(trailer):
        if standalone_date(line):
            above = next((item.strip() for item in reversed(trailer[:index]) if item.strip()), "")
            if _is_signature(above):
                name = re.sub(r"\s+", "", re.sub(r"[(（].*?[)）]$", "", above))
                return _parent_office(name) if re.search(r"印\s*发", line) else name
    signature = next((line for line in trailer if line.strip()), "")
    if _is_signature(signature):  # the signature right after the closing, its date lost or never written
        return re.sub(r"\s+", "", signature)
    for line in header:
        match = HEADING_AGENCY.match(re.sub(r"\s+", "", fold(line)))
        if match and _is_signature(match["agency"]) and HEADING_ANCHOR.search(fold(line)):
            return match["agency"]
    for line in trailer:
        match = re.match(r"^\s*承\s*办\s*单\s*位\s*[:：]\s*(\S+)\s*$", fold(line))
        if match and re.fullmatch(rf"[{CJK}]{{2,{SIGNATURE_MAX}}}", match[1]) and re.search(r"[省市州盟县区旗镇乡]", match[1]):
            # a body named with its place (kept as written, even cut short), not a section (基础教育科)
            return match[1]
    for line in [item for item in header if item.strip()][:2]:
        text = re.sub(r"\s+", "", line)
        if _is_signature(text) and not SECTION.match(text) and not HEADING_ANCHOR.search(fold(text)):
            return text
    for line in trailer:
        match = re.match(r"^\s*(\S+?)\s*(?:\d{4}|[〇○零一二])", line)
        if match and "印" in line and _is_signature(match[1]):
            return _parent_office(match[1])
    return ""


def _parent_office(office: str) -> str:
    """The body whose office prints the letter: 许昌市教育局办公室 -> 许昌市教育局."""
    parent = office.removesuffix("办公室")
    return parent if parent != office and SIGNATURE_SUFFIX.search(parent) else office


def _is_signature(text: str) -> bool:
    text = re.sub(r"\s+", "", fold(text))
    return 2 < len(text) <= SIGNATURE_MAX and not re.search(r"[:。，,;；]", text) and bool(SIGNATURE_SUFFIX.search(text))
