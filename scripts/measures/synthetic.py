"""Synthetic replies for the benchmark: valid files with realistic Chinese government prose.

Deterministic for a given count and seed, so two runs measure the same site.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from dataclasses import dataclass
from pathlib import Path

from replysite.importing.writer import Draft, reply_file
from replysite.model.reply import Contact

AGENCIES = (
    ("许昌市教育局", "许教"), ("许昌市交通运输局", "许交"), ("许昌市卫生健康委员会", "许卫健"),
    ("许昌市住房和城乡建设局", "许住建"), ("许昌市人力资源和社会保障局", "许人社"), ("许昌市生态环境局", "许环"),
    ("许昌市民政局", "许民"), ("许昌市农业农村局", "许农"), ("许昌市财政局", "许财"), ("许昌市公安局", "许公"),
    ("许昌市文化广电和旅游局", "许文旅"), ("许昌市自然资源和规划局", "许自然资源"), ("许昌市市场监督管理局", "许市监"),
    ("许昌市城市管理局", "许城管"), ("许昌市发展和改革委员会", "许发改"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国秀英志强海燕立新明华丽娟伟军红梅晓东丽华永刚春兰文博雅静国庆玉兰振宇思远佳怡子涵浩然"
ORGANISATIONS = ("民盟许昌市委", "民进许昌市委", "九三学社许昌市委", "农工党许昌市委", "致公党许昌市委", "市工商联", "市妇联", "市总工会")
TOPICS = (
    "加快推进城乡义务教育一体化发展", "优化城区公交线路和站点设置", "加强社区养老服务体系建设", "推进老旧小区综合改造",
    "做好高校毕业生就业服务", "加强农村饮用水水源保护", "完善基层医疗卫生服务网络", "促进文旅融合发展",
    "规范校外培训机构管理", "推动制造业数字化转型", "加强城市内涝治理", "提升政务服务便利化水平",
    "支持中小微企业融资", "加强食品安全监管", "建设全民健身设施", "推进垃圾分类工作",
)
OPENINGS = ("为深入贯彻落实上级决策部署", "按照市委、市政府工作安排", "针对您提出的问题", "结合我市实际")
ACTIONS = (
    "制定出台了专项实施方案", "建立健全了联席会议制度", "加大财政资金投入力度", "组织开展了专项督导检查",
    "完善了考核评价机制", "推动相关项目落地见效", "强化部门协调配合", "广泛征求社会各界意见",
    "开展了实地调研和座谈", "加强了业务培训和指导", "推进信息化平台建设", "落实属地管理责任",
)
RESULTS = (
    "取得了明显成效", "群众满意度持续提升", "相关指标稳步改善", "形成了可复制推广的经验",
    "有效缓解了突出矛盾", "为下一步工作奠定了基础",
)
NEXT_STEPS = (
    "下一步，我们将认真吸纳您的意见建议", "今后，我们将进一步加大工作力度", "我们将持续跟踪问效",
    "我们将会同有关部门统筹推进",
)
SECTIONS = "一二三四五六七八九十"
GRADES = ("A", "B", "C")
KINDS = (("提案", "市政协"), ("建议", "市人大"))
SESSIONS = ("一", "二", "三", "四", "五")


@dataclass(frozen=True)
class Plan:
    """How many replies to write and over which years."""

    count: int
    first_year: int = 2016
    years: int = 10
    seed: int = 20181224


def proposers(rng: random.Random) -> list[str]:
    """Several hundred distinct people and a few organisations, as the pool proposers are drawn from."""
    people = sorted({rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(900)})
    return people[:600] + list(ORGANISATIONS)


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(OPENINGS)}，{rng.choice(ACTIONS)}，{rng.choice(ACTIONS)}，{rng.choice(RESULTS)}。"


def body(rng: random.Random, salutation: str, topic: str, kind: str, length: int = 4000) -> str:
    """A letter body of about `length` characters: salutation, numbered sections, closing."""
    parts = [f"{salutation}：", f"您提出的关于{topic}的{kind}收悉。现答复如下："]
    size = sum(map(len, parts))
    section = 0
    while size < length:
        paragraph = f"{SECTIONS[section % 10]}、{rng.choice(ACTIONS)}。" + "".join(sentence(rng) for _ in range(rng.randint(4, 8)))
        parts.append(paragraph)
        size += len(paragraph)
        section += 1
    parts.append(f"{rng.choice(NEXT_STEPS)}，推动相关工作取得新进展。感谢您对我们工作的关心和支持！")
    return "\n\n".join(parts) + "\n"


THREAD = 10  # in every ten replies, the first is a proposal's lead (主办) reply and the next two assist it (协办)
ASSISTING = (1, 2)
RATINGS = ("满意", "基本满意", "不满意", "")  # the proposer's rating; one reply in four not yet rated


def write(folder: Path, plan: Plan) -> list[Path]:
    """Write `plan.count` valid reply files into `folder/<year>/`; return their paths."""
    rng = random.Random(plan.seed)
    pool = proposers(rng)
    written = []
    lead: Draft | None = None
    for index in range(plan.count):
        assisting = index % THREAD in ASSISTING and lead is not None
        year = int(lead.date[:4]) if assisting and lead else plan.first_year + index % plan.years
        agency, code = AGENCIES[index % len(AGENCIES)]
        kind, council = next(item for item in KINDS if item[0] == lead.kind) if assisting and lead else KINDS[index % 2]
        names = rng.sample(pool, rng.choice((1, 1, 1, 2, 3)))
        topic = rng.choice(TOPICS)
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(360))
        draft = Draft(
            title=f"关于{topic}的{kind}", doc_number=f"{code}〔{year}〕{index + 1}号", agency=agency,
            signer=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), result=GRADES[index % 3], kind=kind,
            meeting=f"{council}第{rng.choice(SESSIONS)}届{rng.choice(SESSIONS)}次会议", number=f"{index + 1:05d}",
            proposers=tuple(names), date=day.isoformat(),
            contact=Contact("办公室", rng.choice(SURNAMES) + rng.choice(GIVEN), f"0374-29{index % 100000:05d}"),
            satisfaction=RATINGS[index % len(RATINGS)],
        )
        if index % THREAD == 0:
            lead = draft = dataclasses.replace(draft, role="主办")
        elif assisting and lead is not None:  # the same proposal, as its lead reply names it
            draft = dataclasses.replace(draft, role="协办", title=lead.title, meeting=lead.meeting, number=lead.number,
                                        proposers=lead.proposers, kind=lead.kind)
            names, topic = list(lead.proposers), lead.title.removeprefix("关于").removesuffix(f"的{lead.kind}")
        path = folder / str(year) / f"r{index + 1:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(reply_file(draft, body(rng, "、".join(names), topic, draft.kind)), encoding="utf-8")
        written.append(path)
    return written
