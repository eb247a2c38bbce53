"""Draw views and reply pages to HTML through the package's Jinja templates, escaping every value."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from replysite.model.names import name_slug
from replysite.model.reply import Reply
from replysite.model.settings import Settings
from replysite.model.threads import proposal_key
from replysite.pages import letters
from replysite.pages.catalogue import Links, Thread, grade_slug
from replysite.pages.statistics import withheld_rows
from replysite.pages.views import PROPOSALS, PROPOSALS_TITLE, View

TEMPLATES = Path(__file__).parent / "templates"


def relative_url(target: str, here: str) -> str:
    """Link from the page at site path `here` (`years/2018/`) to site path `target`, both directory URLs."""
    if "://" in target or target.startswith("#"):
        return target
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath("/" + path, "/" + here)  # `` is the home page, a folder like the others
    if relative == ".":
        relative = "./"
    elif path.endswith("/") or not path:
        relative += "/"
    return relative + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one template environment; autoescape is on for every template."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(name_slug=name_slug, grade_slug=grade_slug, proposals_page=(PROPOSALS_TITLE, PROPOSALS))
    return env


def render_view(view: View, settings: Settings) -> str:
    """The HTML content of a generated page; a page that shows letters draws each with `letter(reply, number)`."""
    template = environment().get_template(view.template)

    def link(target: str) -> str:
        return relative_url(target, view.url)

    def letter(reply: Reply, number: int) -> Markup:
        return Markup(letters.letter_html(reply, number, link))

    return template.render(view.context, view=view, settings=settings, link=link, letter=letter)


def render_reply(reply: Reply, body_html: str, settings: Settings, links: Links | None = None) -> str:
    """The HTML content of a reply page: heading, metadata panel, the (already sanitised) body, and how it
    stands to the other replies of its proposal (`links`; a reply on its own when not given)."""
    template = environment().get_template("reply.html")
    return template.render(
        reply=reply,
        links=links or Links(reply, Thread(proposal_key(reply), [reply])),
        body=Markup(body_html),
        grade=settings.grade(reply.result),
        kind=settings.kind(reply.kind),
        settings=settings,
        link=lambda target: relative_url(target, reply.url),
    )


WITHHELD_MARK = "<!-- replies:withheld -->"  # where a hand-written page shows the withheld replies' counts


def render_withheld(withheld: list[Reply]) -> str:
    """The table of withheld replies by year and reason (HTML within Markdown)."""
    template = environment().get_template("_macros.html")
    return str(template.module.withheld_table(withheld_rows(withheld)))  # type: ignore[attr-defined]
