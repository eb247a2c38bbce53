"""The one table of a reply's fields: each field's name, label, shape, example and help, declared once.

The parser (`reply`), the writer and the `new` template (`importing.writer`, `scripts/new.py`), the
importer's field list (`importing.letter`) and the open data with its JSON Schema (`published.opendata`)
are all derived from `FIELDS`; adding a field is one entry here, plus its reader and its tests.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from replysite.model.settings import Settings

Example = str | tuple[str, ...] | dict[str, str]


class Shape(enum.Enum):
    """How a field is written in the front matter."""

    TEXT = "text"  # one line of text
    TEXTS = "texts"  # a list of texts, [甲, 乙]
    MAPPING = "mapping"  # {key: text, ...} with sub-fields of its own
    DATE = "date"  # 年-月-日


@dataclass(frozen=True)
class Prompt:
    """How `python -m scripts new` asks for a field: its place among the questions and a hint."""

    order: int  # the order the fields stand on a letter
    hint: str = ""


@dataclass(frozen=True)
class Published:
    """How a field appears in the open data: its column, its meaning for readers, its JSON Schema extras."""

    column: str
    description: str
    pattern: str = ""  # JSON Schema pattern of the published value
    format: str = ""  # JSON Schema format of the published value ("date", "uri")


@dataclass(frozen=True)
class Field:
    """One field of a reply file's front matter."""

    name: str  # the key staff write
    label: str  # its Chinese name, as messages give it
    example: Example  # a real value, as the seed reply has it
    help: str  # how to write it, for staff (the README's 写法, Markdown)
    required: bool = False
    shape: Shape = Shape.TEXT
    placeholder: str = ""  # what the template shows for it while it is empty and optional
    parts: tuple[Field, ...] = ()  # a mapping's own fields, in order
    prompt: Prompt | None = None  # asked for by `new`
    on_letter: bool = True  # the importer looks for it in a letter
    usual: bool = True  # most letters show it: an imported file without it says so; else it is left out unless found
    quoted: bool = False  # always written in double quotes (digits whose leading zeros must stay)
    choices: Callable[[Settings], tuple[str, ...]] | None = None  # the values a site allows
    published: Published | None = None  # None: not in the open data

    @property
    def template(self) -> str:
        """The template's hint for an empty optional field; a mapping's is made from its parts."""
        if self.parts:
            return "{" + ", ".join(f"{part.name}: {part.placeholder}" for part in self.parts) + "}"
        return self.placeholder


def _grade_codes(settings: Settings) -> tuple[str, ...]:
    return tuple(grade.code for grade in settings.grades)


def _kind_names(settings: Settings) -> tuple[str, ...]:
    return tuple(kind.name for kind in settings.kinds)


FULL, SUMMARY, WITHHELD = "全文公开", "摘要公开", "不予公开"
DISCLOSURES = (FULL, SUMMARY, WITHHELD)  # 公开属性 of the disclosure rules


def _disclosures(settings: Settings) -> tuple[str, ...]:
    return (FULL, SUMMARY)  # what the open data can hold: a withheld reply is published nowhere


LEAD = "主办"
ROLES = (LEAD, "协办", "会办", "分办")  # how a unit shares the handling of one proposal
SATISFACTIONS = ("满意", "基本满意", "不满意")  # the proposer's rating of the handling


def _roles(settings: Settings) -> tuple[str, ...]:
    return ROLES


def _satisfactions(settings: Settings) -> tuple[str, ...]:
    return SATISFACTIONS


CONTACT_PARTS = (
    Field("unit", "单位", "基础教育科", "科室或单位名称", placeholder="科室"),
    Field("person", "联系人", "李瑛", "姓名", placeholder="姓名"),
    Field("phone", "电话", "0374-2699897", "单位电话", placeholder="电话"),
)

FIELDS = (
    Field("title", "标题（提案或建议的题目）", "继续深化集团化办学，快速放大优质教育资源总量", "一行文字，如上例",
          required=True, prompt=Prompt(7), published=Published("title", "标题：提案或建议的题目")),
    Field("doc_number", "文号", "许教〔2018〕76号",
          "机关代字〔年份〕序号号，年份用六角括号〔〕，如 `许教〔2018〕76号`；全站不能重复",
          required=True, prompt=Prompt(1, "如 许教〔2018〕76号"), published=Published("doc_number", "文号，全站唯一")),
    Field("agency", "答复单位", "许昌市教育局", "单位全称，如 `许昌市教育局`",
          required=True, prompt=Prompt(3, "如 许昌市教育局"), published=Published("agency", "答复单位")),
    Field("signer", "签发人", "杨钧安", "姓名，如 `杨钧安`",
          placeholder="姓名", published=Published("signer", "签发人；未填写时为 null")),
    Field("result", "办理结果", "B",
          "`A`、`B` 或 `C`，大写字母，不加“类”（各级别的含义见 `mkdocs.yml` 中的 `extra.replies.grades`）",
          required=True, prompt=Prompt(9, "A、B 或 C"), choices=_grade_codes, published=Published("result", "办理结果代码")),
    Field("kind", "类别", "提案", "`提案`（政协委员提案）或 `建议`（人大代表建议）",
          required=True, prompt=Prompt(4, "提案 或 建议"), choices=_kind_names, published=Published("kind", "类别")),
    Field("meeting", "会议届次", "市政协七届二次会议", "如 `市政协七届二次会议`",
          required=True, prompt=Prompt(5, "如 市政协七届二次会议"), published=Published("meeting", "会议届次")),
    Field("number", "提案号或建议号", "004", "只写号码，加英文双引号以保留前导零，如 `\"004\"`",
          required=True, quoted=True, prompt=Prompt(6, "只写数字，如 004"),
          published=Published("number", "提案号或建议号（文字，保留前导零）", pattern="^[0-9A-Za-z-]+$")),
    Field("proposers", "提案人或代表", ("民盟许昌市委",), "方括号列表，按答复函中的顺序，如 `[张三, 李四]`",
          required=True, shape=Shape.TEXTS, prompt=Prompt(8, "多人用顿号分隔"),
          published=Published("proposers", "提案人或代表，按答复函中的顺序")),
    Field("date", "印发日期", "2018-12-24", "年-月-日，如 `2018-12-24`；文件须放在同一年份的文件夹中",
          required=True, shape=Shape.DATE, prompt=Prompt(2, "年-月-日，如 2018-12-24"),
          published=Published("date", "印发日期（年-月-日）", pattern=r"^\d{4}-\d{2}-\d{2}$", format="date")),
    Field("contact", "联系单位、联系人和电话", {part.name: str(part.example) for part in CONTACT_PARTS},
          "`{unit: 科室, person: 姓名, phone: 单位电话}`", shape=Shape.MAPPING, parts=CONTACT_PARTS,
          published=Published("contact", "联系单位（unit）、联系人（person）和电话（phone）；未填写时为 null")),
    Field("cc", "抄送", ("市政协提案委（3份）", "市政府督查室（2份）"), "方括号列表，份数写在括号里",
          shape=Shape.TEXTS, placeholder="[单位（份数）, 单位（份数）]", published=Published("cc", "抄送单位；没有时为空列表")),
    Field("reviewed_numbers", "经审核可以公开的号码", ("13900001111",), "见下文“个人信息”",
          shape=Shape.TEXTS, placeholder="[经审核同意公开的手机号或证件号]", on_letter=False),
    Field("scan", "原件扫描件", "xujiao-2018-76.pdf",
          "与答复文件同名、放在同一文件夹的 PDF（或 PNG、JPG 图片），如 `xujiao-2018-76.pdf`；网页上显示“原件扫描件”链接。"
          "扫描件中同样不能有个人号码（包括 PDF 的“文档属性”）",
          placeholder="与本文件同名的 PDF，例如 xujiao-2018-76.pdf", on_letter=False,
          published=Published("scan", "答复函原件扫描件（PDF）的完整网址；没有时为 null", format="uri")),
    Field("disclosure", "公开属性", "全文公开",
          "`全文公开`（不写时即为全文公开）、`摘要公开`（正文只录入复文摘要）或 `不予公开`（须写明 `disclosure_reason`；网站不发布）",
          placeholder="全文公开", on_letter=False, choices=_disclosures,
          published=Published("disclosure", "公开属性：全文公开，或摘要公开（正文为复文摘要）")),
    Field("disclosure_reason", "不予公开的理由", "涉及国家秘密",
          "`disclosure` 为 `不予公开` 时必填，如 `涉及国家秘密`；只用于统计，不公开答复内容",
          placeholder="不予公开的理由", on_letter=False),
    Field("index_number", "索引号", "11411000-2018-00076", "政府信息公开目录的索引号，如 `11411000-2018-00076`；全站不能重复",
          placeholder="索引号", on_letter=False, published=Published("index_number", "政府信息公开索引号；未填写时为 null")),
    Field("role", "办理方式", "主办",
          "`主办`、`协办`、`会办` 或 `分办`：几个单位共同办理同一件提案或建议时写明本单位的角色；只有一个单位答复时不写",
          placeholder="主办", choices=_roles, usual=False,
          published=Published("role", "本单位在该提案或建议办理中的角色；只有一个单位答复时为 null")),
    Field("satisfaction", "提案人满意度", "满意",
          "`满意`、`基本满意` 或 `不满意`：提案人或代表对办理情况的评价（征询意见表上的结果）；尚未评价时不写",
          placeholder="满意", choices=_satisfactions, usual=False,
          published=Published("satisfaction", "提案人或代表对办理情况的评价；尚未评价时为 null")),
    Field("supersedes", "更正或取代的答复文号", "许教〔2018〕70号",
          "本答复更正或取代的另一件答复的文号，如 `许教〔2018〕70号`；两件答复都会发布，原答复上会注明已被更正",
          placeholder="被更正的答复的文号", on_letter=False,
          published=Published("supersedes", "本答复更正或取代的答复的文号；没有时为 null")),
)


REQUIRED = tuple(item.name for item in FIELDS if item.required)


def get(name: str) -> Field:
    """The field called `name`; KeyError when the schema has none."""
    for item in FIELDS:
        if item.name == name:
            return item
    raise KeyError(name)


def contact_parts() -> tuple[str, ...]:
    """The keys of the contact mapping: unit, person, phone."""
    return tuple(part.name for part in get("contact").parts)


def asked() -> tuple[tuple[Field, Prompt], ...]:
    """The fields `new` asks for, with how it asks, in the order it asks."""
    pairs = [(item, item.prompt) for item in FIELDS if item.prompt is not None]
    return tuple(sorted(pairs, key=lambda pair: pair[1].order))
