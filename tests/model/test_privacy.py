"""The privacy guard finds resident IDs and mobile numbers however they are typed, and nothing else."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from fpdf import FPDF

from replysite.model.privacy import find_personal_numbers, id_is_valid, mask, normalise, scan, scan_name, scan_pdf

MOBILE = "13812345678"
ID = "11010519491231002X"  # a valid 18-digit ID: real date, right check digit
ID15 = "110105491231002"  # first generation: area 110105, born 1949-12-31, sequence 002

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# (how it is written, the text): each must be found as the mobile 13812345678, nothing more.
MOBILE_SPELLINGS = [
    ("plain", "电话13812345678。"),
    ("spaces", "电话 138 1234 5678"),
    ("hyphens", "电话138-1234-5678"),
    ("country code", "电话+86 138 1234 5678"),
    ("country code 0086", "0086-13812345678"),
    ("country code joined", "电话8613812345678"),
    ("full-width digits", "电话１３８１２３４５６７８"),
    ("full-width everything", "电话＋８６－１３８１２３４５６７８"),
    ("full-width hyphens, ASCII digits", "电话138－1234－5678"),
    ("ideographic space U+3000", "电话138\u30001234\u30005678"),
    ("no-break space U+00A0", "电话138\u00a01234\u00a05678"),
    ("thin and narrow spaces", "电话138\u20091234\u202f5678"),
    ("em space and tab", "电话138\u2003\t1234 5678"),
    *[(f"dash U+{ord(dash):04X}", f"电话138{dash}1234{dash}5678") for dash in DASHES],
    ("dots", "电话138.1234.5678"),
    ("katakana middle dot ・", "电话138・1234・5678"),
    ("middle dot ·", "电话138·1234·5678"),
    ("brackets", "电话(138) 1234-5678"),
    ("full-width brackets", "电话（138）1234－5678"),
    ("lenticular brackets", "电话【138】1234 5678"),
    *[(f"zero-width U+{ord(mark):04X}", f"电话138{mark}1234{mark}5678") for mark in ZERO_WIDTH],
    ("soft hyphen U+00AD", "电话138\u00ad1234\u00ad5678"),
    ("split over two lines", "电话 138 1234\n5678"),
    ("split over two lines, CRLF and indent", "电话 1381234\r\n    5678"),
    ("decimal entity", "电话&#49;3812345678"),
    ("hexadecimal entity", "电话&#x31;3812345678"),
    ("all digits as entities", "".join(f"&#{ord(digit)};" for digit in MOBILE)),
    ("&nbsp; as separator", "电话138&nbsp;1234&nbsp;5678"),
    ("zero-width space as entity", "电话138&#8203;1234&#x200B;5678"),
    ("&shy; inside", "电话138&shy;12345678"),
    ("Markdown bold", "电话138**1234**5678"),
    ("Markdown escape", "电话138\\-1234-5678"),
    ("Markdown underscores", "电话138_1234_5678"),
    ("Markdown code", "电话`138`1234`5678`"),
    ("Markdown strike-through", "电话~~138~~12345678"),
    ("HTML tags inside", "电话138<span>1234</span>5678"),
    ("HTML attribute", '<a href="tel:13812345678">电话</a>'),
    ("YAML escape", 'phone: "\\u00313812345678"'),
    ("mathematical bold digits", "电话𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖"),
    ("Arabic-Indic digits", "电话١٣٨١٢٣٤٥٦٧٨"),
    ("circled digits", "电话①③⑧①②③④⑤⑥⑦⑧"),
    ("followed by letters", "电话13812345678Xu"),
]

ID_SPELLINGS = [
    ("plain", f"身份证 {ID}", ID),
    ("lower-case x", "身份证 11010519491231002x", ID),
    ("full-width Ｘ", "身份证 11010519491231002Ｘ", ID),
    ("full-width digits", "身份证号：１１０１０５１９４９１２３１００２Ｘ", ID),
    ("split by spaces", "身份证 110105 19491231 002X", ID),
    ("split by dashes", "身份证 110105-1949-1231-002X", ID),
    ("zero-width space inside", "身份证 1101051949\u200b1231002X", ID),
    ("entities", "身份证 &#49;&#49;0105194912310&#48;2&#x58;", ID),
    ("15 digits", f"身份证 {ID15}", ID15),
    ("15 digits, split", "身份证 110105 491231 002", ID15),
]

# Ordinary text of replies: none of it is a personal number.
ORDINARY = [
    ("masked mobile", "来电 138****5678"),
    ("landline", "办公电话 0374-2699897"),
    ("hotline", "热线 12345"),
    ("document number", "许教〔2018〕76号"),
    ("not a mobile prefix", "12812345678 不是手机号段"),
    ("long invoice number", "编号 2018122400001234567 过长"),
    ("amount", "金额 1381234567800 元"),
    ("amount with commas", "金额 13,812,345.67 元，共 1,381,234,567 元"),
    ("ISO date", "印发日期 2018-12-24"),
    ("dotted date", "2018.12.24 会议"),
    ("Chinese date", "2018年12月24日"),
    ("date range", "1998.12-1999.6 任职"),
    ("date and time", "2018-12-24 13:45"),
    ("postcode", "邮编 461000"),
    ("bank card in fours", "账号 6222 0212 3456 7890"),
    ("ID with a wrong check digit", "编号 110105194912310021"),
    ("ID dated 31 February", "编号 11010519490231002X"),
    ("15 digits, no such province", "订单号 201812240000123"),
    ("15 digits, month 13", "编号 110105491332002"),
    ("credit code", "统一社会信用代码 12411000MB1234567X"),
    ("Markdown table of small numbers", "| 年份 | 件数 | 办结 |\n| --- | --- | --- |\n| 2016 | 138 | 12 |\n| 2017 | 1234 | 5678 |\n"),
    ("column of figures, one a line", "件数：\n138\n1234\n5678\n"),
    ("numbered list", "1. 13 所学校\n2. 8 个集团\n3. 1234 名教师"),
    ("document numbers in a row", "许教〔2018〕76号、许教〔2018〕77号、许政办〔2019〕1号"),
]


def kinds_and_numbers(text: str) -> list[tuple[str, str]]:
    return [(kind, number) for _, kind, number in find_personal_numbers(text)]


@pytest.mark.parametrize("text", [text for _, text in MOBILE_SPELLINGS], ids=[name for name, _ in MOBILE_SPELLINGS])
def test_mobile_numbers_are_found_in_every_spelling(text: str) -> None:
    assert kinds_and_numbers(text) == [("手机号", MOBILE)]


@pytest.mark.parametrize(("text", "number"), [case[1:] for case in ID_SPELLINGS], ids=[case[0] for case in ID_SPELLINGS])
def test_resident_ids_are_found_in_every_spelling(text: str, number: str) -> None:
    assert kinds_and_numbers(text) == [("身份证号", number)]


@pytest.mark.parametrize("text", [text for _, text in ORDINARY], ids=[name for name, _ in ORDINARY])
def test_ordinary_numbers_pass(text: str) -> None:
    assert find_personal_numbers(text) == []


def test_resident_id_needs_a_real_date_and_check_digit() -> None:
    assert id_is_valid(ID)
    assert not id_is_valid("110105194912310021")  # wrong check digit
    assert not id_is_valid("11010519490231002X")  # 31 February
    assert [kind for _, kind, _ in find_personal_numbers(f"身份证 {ID}")] == ["身份证号"]
    assert find_personal_numbers("编号 110105194912310021") == []


def test_several_numbers_in_a_row_are_each_found() -> None:
    text = f"0374-2699897 13812345678、139 0000 1111；{ID}"
    assert kinds_and_numbers(text) == [("手机号", MOBILE), ("手机号", "13900001111"), ("身份证号", ID)]


def test_normalised_offsets_lead_back_to_the_original() -> None:
    text = "甲&nbsp;乙\u200b丙&#49;3８"
    folded = normalise(text)
    assert folded.text == "甲 乙丙138"
    assert [text[folded.original(index)] for index in range(len(folded.text))] == ["甲", "&", "乙", "丙", "&", "3", "８"]


def test_full_width_id_is_reported_on_its_line_masked() -> None:
    text = "---\ntitle: x\n---\n\n第一行\n身份证号：１１０１０５１９４９１２３１００２Ｘ\n"
    problems = scan("replies/2020/x.md", text, [], {2: "title"})
    assert [(p.line, p.field) for p in problems] == [(6, "body")]
    assert "110***********002X" in problems[0].message and "00２" not in problems[0].message


def test_lines_are_those_of_the_original_text() -> None:
    """Entities and invisible characters before a number shorten the folded text, not the line count."""
    text = (
        "---\ntitle: 关于&ldquo;集团化办学&rdquo;的提案&#12290;\u200b\u200b\n"
        "contact: {unit: 基础教育科, phone: 138 1234 5678}\n---\n\n"
        "甲&nbsp;&nbsp;乙\u200b丙&#x4E01;\n\n<b>注</b>\n联系电话 139&nbsp;0000\n1111。\n"
    )
    problems = scan("replies/2020/x.md", text, [], {2: "title", 3: "contact"})
    assert [(p.line, p.field) for p in problems] == [(3, "contact"), (9, "body")]
    assert str(problems[1]).startswith("replies/2020/x.md:9: body: 含有手机号 139****1111（号码被拆在两行")


def test_a_hidden_spelling_is_pointed_out() -> None:
    [problem] = scan("r.md", "电话 138\u200b1234 5678", [], {})
    assert problem.message.startswith("含有手机号 138****5678（号码中夹有")
    assert MOBILE not in problem.message
    [plain] = scan("r.md", "电话 138 1234 5678", [], {})
    assert plain.message.startswith("含有手机号 138****5678：")


def test_reviewed_numbers_pass_only_when_listed() -> None:
    text = "服务热线 139-0000-1111，来信人 13812345678"
    problems = scan("r.md", text, ["+86 139 0000 1111"], {})
    assert [mask("13812345678") in p.message for p in problems] == [True]


def test_reviewed_numbers_are_compared_however_written() -> None:
    text = f"服务热线 １３９ ００００ １１１１，证件 {ID.lower()}，旧证 {ID15}"
    assert scan("r.md", text, ["139-0000-1111", ID, "110105-491231-002"], {}) == []


def test_a_mobile_as_file_name_is_reported_masked() -> None:
    [problem] = scan_name("replies/2020/13812345678.md", [])
    assert (problem.line, problem.field) == (1, "file")
    assert str(problem).startswith("replies/2020/13812345678.md:1: file: 文件名含有手机号 138****5678：文件名会成为网址")
    assert MOBILE not in problem.message


@pytest.mark.parametrize("path", ["replies/2020/138-1234-5678.md", "replies/2020/zhang-13812345678.md", "replies\\2020\\13812345678.md"])
def test_a_mobile_in_the_file_name_is_found_however_written(path: str) -> None:
    assert [problem.field for problem in scan_name(path, [])] == ["file"]


@pytest.mark.parametrize("path", ["replies/2018/xujiao-2018-76.md", "/tmp/pytest-13812345678/replies/2020/x.md"])
def test_ordinary_file_names_pass(path: str) -> None:
    """Only the part of the path that is published (folder and name) is checked, not a work folder above."""
    assert scan_name(path, []) == []


def test_a_reviewed_number_may_be_the_file_name() -> None:
    assert scan_name("replies/2020/12345-13900001111.md", ["139 0000 1111"]) == []


def letter_pdf(pages: list[str], protect: bool = False, xmp: str = "", **properties: str) -> bytes:
    """A PDF with a text layer, one line a page, and the given document properties (author=…)."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.text(20, 20, text)
    for name, value in properties.items():
        getattr(pdf, f"set_{name}")(value)
    if xmp:
        pdf.set_xmp_metadata(xmp)
    if protect:
        pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


def test_scan_pages_and_properties_are_checked() -> None:
    data = letter_pdf(["Dear member", "Tel 138 1234 5678", f"ID {ID}"], author="13912345678", subject="x", title="139-0000-1111")
    messages = [str(problem) for problem in scan_pdf("replies/2020/x.pdf", data, ["13900001111"])]
    assert [message.split("：")[0] for message in messages] == [
        "replies/2020/x.pdf: scan: 扫描件第 2 页含有手机号 138****5678",
        "replies/2020/x.pdf: scan: 扫描件第 3 页含有身份证号 110***********002X",
        "replies/2020/x.pdf: scan: 扫描件文档属性 Author含有手机号 139****5678",
    ]
    assert not any(MOBILE in message or ID in message for message in messages)


def test_scan_xmp_metadata_is_checked() -> None:
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="138-1234-5678"/></rdf:RDF></x:xmpmeta>'
    )
    [problem] = scan_pdf("x.pdf", letter_pdf(["Dear member"], xmp=xmp), [])
    assert problem.message.startswith("扫描件文档属性 XMP含有手机号 138****5678")


def test_a_clean_scan_passes() -> None:
    assert scan_pdf("x.pdf", letter_pdf(["Reply of 2018-12-24, tel 0374-2699897"], author="Xuchang"), []) == []


@pytest.mark.parametrize(("data", "start"), [
    (b"", "扫描件无法读取"),
    (b"%PDF-1.4 not really", "扫描件无法读取"),
    (letter_pdf(["Tel 138 1234 5678"])[:300], "扫描件无法读取"),
    (letter_pdf(["Tel 138 1234 5678"], protect=True), "扫描件设有打开密码"),
], ids=["empty", "garbage", "cut off", "password"])
def test_an_unreadable_scan_is_reported_not_raised(data: bytes, start: str) -> None:
    [problem] = scan_pdf("replies/2020/x.pdf", data, [])
    assert problem.field == "scan" and problem.message.startswith(start), problem.message


# Worst cases for a backtracking search: each is scanned at 100 KB and at 1 MB.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "plus signs": lambda size: "+" * size,
    "digit, plus": lambda size: "1+" * (size // 2),
    "digit, space": lambda size: "1 " * (size // 2),
    "digit, dash, space": lambda size: "1- " * (size // 3),
    "groups of three": lambda size: "138 " * (size // 4),
    "one long digit run": lambda size: "1" * size,
    "digit, zero-width space": lambda size: "1\u200b" * (size // 2),
    "entities": lambda size: "&#49;" * (size // 5),
    "mobiles": lambda size: "13812345678 " * (size // 12),
}


@pytest.mark.parametrize("body", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_scan_time_grows_linearly(body: Callable[[int], str]) -> None:
    """Ten times the text takes about ten times as long (a quadratic search: a hundred), and never minutes."""
    small, large = (f"---\ntitle: x\n---\n{body(size)}" for size in (100_000, 1_000_000))
    small_time = min(_timed(small) for _ in range(3))
    large_time = min(_timed(large) for _ in range(2))
    assert large_time < 30, f"{large_time:.1f} s for 1 MB"
    assert large_time < 40 * max(small_time, 0.005), f"{small_time:.3f} s for 100 KB, {large_time:.2f} s for 1 MB"


def _timed(text: str) -> float:
    """CPU seconds of one scan: the other processes of a busy machine do not count, as wall time would."""
    start = time.process_time()
    scan("r.md", text, [], {})
    return time.process_time() - start
