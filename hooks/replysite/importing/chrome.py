"""Page chrome: what a web page of a letter carries besides the letter, never read as data.

Breadcrumbs, share and QR-code buttons, view counters, font-size switches and the site's footer
(主办单位, 版权所有, ICP, 网站标识码, the site's 联系电话) come with every saved page.
"""

from __future__ import annotations

import re

from replysite.importing.text import fold

CHROME_LINE = re.compile(
    r"^\s*(?:[•·]\s*)?(?:"
    r"(?:您(?:当前)?|当前|您现在)的?位置\s*[:：]|分享到|分享至|用微信扫|扫一扫|二维码|打印本页|关闭(?:本页|窗口)|"
    r"浏览(?:次数|量)?\s*[:：]|字号\s*[:：]|字体\s*[:：]|编辑\s*[:：]|责任编辑|信息来源\s*[:：]|来源\s*[:：]\s*$|"
    r"发布时间\s*[:：]|编稿时间\s*[:：]|附件下载\s*[:：]|长者模式|无障碍|答复内容\s*$|建议内容\s*$|提案内容\s*$|"
    r"展开\s*$|菜单\s*$|×\s*$|My JSP|智能检索"
    r")"
)
FOOTER_MARK = re.compile(r"版权所有|ICP\s*备|网站标识码|公网安备|网站地图|技术支持\s*[:：]")
FOOTER_LEAD = re.compile(r"^\s*(?:主办单位|承办单位|联系电话|电话|地址|邮编|联系我们|网站|主办|承办)\s*[:：]?")
FOOTER_MAX = 120  # a footer line is short and no sentence: a letter that mentions 版权所有 keeps its text
FOOTER_REACH = 3  # how many lines above a footer mark its 主办单位 / 联系电话 lines may stand


def without_chrome(lines: list[str]) -> list[str]:
    """`lines` with chrome lines taken out and the site's footer (and all after it) cut off."""
    end = _footer_start(lines)
    return [line for line in lines[:end] if not CHROME_LINE.match(fold(line))]


def _footer_start(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if FOOTER_MARK.search(fold(line)) and len(line.strip()) <= FOOTER_MAX and not line.rstrip().endswith(("。", "；")):
            start = index
            while start > 0 and index - start < FOOTER_REACH and FOOTER_LEAD.match(fold(lines[start - 1])):
                start -= 1
            return start
    return len(lines)
