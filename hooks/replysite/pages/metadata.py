"""Page metadata of the 网页设计规范 (政府网站发展指引, 国办发〔2017〕47号): `<meta name=…>` pairs.

Every page carries the site's five; a reply page adds its own five. Values are plain text: the
theme escapes them when it writes the tags.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from replysite.model.reply import Reply
from replysite.model.settings import Settings

COLUMN_TYPE = "建议提案办理复文"
Meta = tuple[tuple[str, str], ...]


def site_meta(settings: Settings, site_name: str, site_url: str | None) -> Meta:
    """SiteName, SiteDomain, SiteIDCode, ColumnName and ColumnType, the same on every page."""
    owner = settings.owner
    pairs = (
        ("SiteName", owner.name if owner else site_name),
        ("SiteDomain", urlsplit(site_url or "").hostname or ""),
        ("SiteIDCode", owner.site_code if owner else ""),
        ("ColumnName", site_name),
        ("ColumnType", COLUMN_TYPE),
    )
    return tuple((name, value) for name, value in pairs if value)


def reply_meta(reply: Reply, settings: Settings) -> Meta:
    """ArticleTitle, PubDate, ContentSource, Keywords and Description of one reply page."""
    kind = settings.kind(reply.kind)
    keywords = [reply.kind, kind.label, reply.agency, reply.meeting, *reply.proposers]
    asked = f"{kind.proposer_label}{'、'.join(reply.proposers)}所提{reply.kind}“{reply.title}”"
    description = f"{reply.agency}对{asked}的答复（{reply.doc_number}）"
    return (
        ("ArticleTitle", f"关于“{reply.title}”的答复"),
        ("PubDate", reply.date.isoformat()),
        ("ContentSource", reply.agency),
        ("Keywords", ",".join(dict.fromkeys(keywords))),
        ("Description", description),
    )
