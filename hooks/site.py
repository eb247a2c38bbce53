"""MkDocs glue: put the replies and the generated index pages into the build, then index it for search.

Every handler is thin: it calls the engine-free core in `replysite` and hands MkDocs the result.
What one build knows lives in one `Build` made afresh by `on_config`; what a `mkdocs serve` rebuild
reuses from the last (the files read, the pages' fingerprints) is the one `_last`, kept here and
passed into the core, which keeps nothing itself. MkDocs loads this module once per process.
"""

from __future__ import annotations

import functools
import html
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from replysite import unchanged
from replysite.errors import SiteError
from replysite.model import library, scans
from replysite.model import settings as site_settings
from replysite.model.problems import Problem
from replysite.model.reply import Reply
from replysite.pages import fragments, metadata, render, sanitize
from replysite.pages.catalogue import Catalogue, catalogue_of
from replysite.pages.views import View, build_views, problems_view
from replysite.published import audit, csp, datafiles, feeds
from replysite.published.publication import Site
from replysite.published.sitemap import Entry
from replysite.search import index as search
from replysite.search import records

log = logging.getLogger("mkdocs.plugins.replies")


@dataclass
class Build:
    """What one build knows: settings, the replies, and which page is which reply or view."""

    settings: site_settings.Settings
    source: Path
    replies: dict[str, Reply] = field(default_factory=dict)  # src_uri -> reply
    views: dict[str, View] = field(default_factory=dict)  # src_uri -> view
    search: search.LiveIndex | None = None  # fed each reply page as it is written
    prints: dict[str, int] = field(default_factory=dict)  # src_uri -> fingerprint of each view
    shared: fragments.SharedFragments = field(default_factory=fragments.SharedFragments)  # theme navigation
    withheld: list[Reply] = field(default_factory=list)  # replies not to be published (不予公开)
    problems: list[Problem] = field(default_factory=list)  # a preview's problems: those replies are left out
    catalogue: Catalogue | None = None  # the replies grouped: each reply page shows its thread and corrections


class _KeptFile(File):
    """A generated page drawn from the same values as in the last build: `--dirty` leaves it as it is."""

    def is_modified(self) -> bool:
        return False


class _RedrawnFile(File):
    """A reply page whose file is unchanged but whose thread or corrections changed: `--dirty` draws it again."""

    def is_modified(self) -> bool:
        return True


Handler = TypeVar("Handler", bound=Callable[..., Any])


def _for_mkdocs(handler: Handler) -> Handler:
    """The one place where the core's errors (`SiteError`, whole messages for staff) become MkDocs' own,
    so that MkDocs prints the message alone and stops the build."""

    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except SiteError as error:
            raise PluginError(str(error)) from error

    return cast(Handler, run)


_build: Build | None = None
_last = unchanged.LastBuild()  # what one build keeps for the next: MkDocs loads this module once per process
_previewing = False  # `mkdocs serve`, whose live reload is an inline script the policy would block


def _current() -> Build:
    if _build is None:
        raise PluginError("replies hook: on_config did not run")
    return _build


@_for_mkdocs
def on_startup(command: str, dirty: bool) -> None:
    """Note whether this run is a preview (`mkdocs serve`); refuse `--dirty` elsewhere: it keeps the last
    build's files, a deleted reply's page included, so it may preview but never publish."""
    global _previewing
    _previewing = command == "serve"
    if dirty and command != "serve":
        raise PluginError(
            f"mkdocs {command} --dirty 只用于预览：它会保留上次构建留下的文件（包括已删除答复的页面），不能用来发布。"
            "请去掉 --dirty 重新构建；边改边看请用 mkdocs serve --dirty。"
        )


@_for_mkdocs
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    settings = site_settings.from_mapping(config.extra.get("replies"))
    if not config.use_directory_urls:
        raise PluginError("mkdocs.yml: 答复网址依赖 use_directory_urls: true，请不要关闭它。")
    source = Path(config.config_file_path).parent / settings.source
    config.theme.static_templates.discard("sitemap.xml")  # dated by the build clock: ours is written in on_files
    _build = Build(settings, source)
    return config


@_for_mkdocs
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    if _previewing:  # `mkdocs serve`: show the good replies, and list the problems instead of stopping
        replies, build.problems = library.read_replies(build.source, build.settings, root=build.source.parent, memo=_last.files)
        config.extra["preview_problems"] = len(build.problems)
    else:
        replies = library.load_replies(build.source, build.settings, root=build.source.parent, memo=_last.files)
    catalogue = catalogue_of(replies, build.settings)  # sorted and grouped once: the views, feeds and data read it
    build.withheld = catalogue.withheld  # 不予公开: checked like the others, published nowhere
    build.catalogue = catalogue
    pages = {reply.url.rstrip("/") + ".md": reply for reply in catalogue.replies}
    build.prints = {src_uri: unchanged.reply_fingerprint(catalogue.links_of(reply)) for src_uri, reply in pages.items()}
    redrawn = _last.changed(config.site_dir, build.prints)  # its thread changed: draw it though its file did not
    for src_uri, reply in pages.items():
        # Pointing at the reply file lets `mkdocs build --dirty` / `serve --dirty` skip unchanged replies.
        kind, source = _RedrawnFile if src_uri in redrawn else File, str(build.source.parent / reply.path)
        _add(files, kind.generated(config, src_uri, abs_src_path=source, inclusion=InclusionLevel.NOT_IN_NAV))
        build.replies[src_uri] = reply
        if reply.scan:
            _add(files, _scan_file(config, build, reply))
    views = build_views(catalogue, build.settings) + ([problems_view(build.problems)] if build.problems else [])
    build.prints.update({view.src_uri: unchanged.fingerprint(view) for view in views})
    kept = _last.unchanged(config.site_dir, build.prints)
    for view in views:
        kind = _KeptFile if view.src_uri in kept else File
        _add(files, kind.generated(config, view.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        build.views[view.src_uri] = view
    _add_data_files(files, config, build, catalogue)
    log.info("replies: %d replies, %d generated pages", len(build.replies), len(build.views))
    if _starts_clean(Path(config.site_dir)):
        build.search = search.LiveIndex(Path(config.site_dir), ["/" + reply.url for reply in catalogue.replies])
    return files


def _starts_clean(site_dir: Path) -> bool:
    """A full build empties the site folder first (but for hidden entries); `--dirty` keeps the last
    build's files and renders only what changed, so it is a preview: no search index, no audit."""
    return not site_dir.is_dir() or all(entry.name.startswith(".") for entry in site_dir.iterdir())


def _scan_file(config: MkDocsConfig, build: Build, reply: Reply) -> File:
    """The original scan kept beside the reply file, published beside its page."""
    source = scans.scan_path(reply, build.source.parent)  # checked by the model: a real file of its kind, inside replies/
    return File.generated(config, reply.scan_url, abs_src_path=os.path.realpath(source), inclusion=InclusionLevel.NOT_IN_NAV)


def _add_data_files(files: Files, config: MkDocsConfig, build: Build, catalogue: Catalogue) -> None:
    """Open data, feeds, sitemap and robots.txt, from the same replies as the pages."""
    site = Site.from_config(config.site_url, config.site_name)
    theme_sitemap = files.get_file_from_path("sitemap.xml")  # MkDocs' template, no longer rendered (see on_config)
    if theme_sitemap is not None:
        files.remove(theme_sitemap)
    dates = {src_uri: reply.date for src_uri, reply in build.replies.items()}
    pages = [Entry(file.url.removeprefix("./"), dates.get(file.src_uri)) for file in files.documentation_pages()]  # home is ./
    for path, content in datafiles.data_files(catalogue, pages, site, build.settings).items():
        _add(files, File.generated(config, path, content=content))


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        raise PluginError(f"docs/{file.src_uri} 与自动生成的页面同名：请改名或删除 docs/ 中的这个文件。")
    files.append(file)


@_for_mkdocs
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Let the theme overrides include Material's own partials as theme/..., and share its navigation."""
    theme_dirs = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(theme_dirs)})])
    env.globals["shared_fragment"] = _shared_fragment
    settings = _current().settings
    env.globals["site_owner"] = settings.owner  # 主办单位 in the header and footer (partials/header.html, footer.html)
    env.globals["site_meta"] = metadata.site_meta(settings, config.site_name, config.site_url)
    return env


def _shared_fragment(name: str, page: Page | None, nav: Navigation | None, caller: Any) -> Markup:
    """`caller`'s drawing of the navigation fragment `name`, shared by the pages outside the navigation
    whose links to it are the same (a nav page's URL relative to the page, and the assets folder's)."""
    if page is None or nav is None or page.parent is not None or any(item.active for item in nav.items):
        return Markup(caller())
    where = tuple(get_relative_url(target, page.url) for target in ["assets/", *(item.url for item in nav.pages)])
    return _current().shared.get((name, where), caller)


@_for_mkdocs
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    src_uri = page.file.src_uri
    if src_uri in build.replies:
        reply = build.replies[src_uri]
        # Material prints page.meta.title unescaped in <title> and the header, so it is stored escaped.
        page.meta = {"title": html.escape(f"{reply.title}（{reply.doc_number}）"),
                     "page_meta": metadata.reply_meta(reply, build.settings), "own_crumbs": True}
        return reply.body
    if src_uri in build.views:
        page.meta = {"title": html.escape(build.views[src_uri].title), "hide": ["toc"], "feed": feeds.feed_of(build.views[src_uri]),
                     "own_crumbs": True}  # the core's templates draw their own 当前位置
        return ""
    if render.WITHHELD_MARK in markdown:  # docs/open-data.md states how many replies were withheld
        return markdown.replace(render.WITHHELD_MARK, render.render_withheld(build.withheld))
    return markdown


@_for_mkdocs
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    src_uri = page.file.src_uri
    if src_uri in build.replies:
        reply = build.replies[src_uri]
        links = build.catalogue.links_of(reply) if build.catalogue else None
        article = render.render_reply(reply, sanitize.clean_body(content), build.settings, links)
        _letter_anchors(page.toc)
        if build.search is not None:
            build.search.add(records.record_of(reply, "/" + page.url, links.thread if links else None), article)
        return article
    if src_uri in build.views:
        return render.render_view(build.views[src_uri], build.settings)
    return content


def _letter_anchors(items: Iterable[AnchorLink]) -> None:
    """`sanitize` moves the body's ids into the letter's own namespace: the page's contents follow them."""
    for item in items:
        item.id = sanitize.letter_id(item.id)
        _letter_anchors(item.children)


@_for_mkdocs
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _with_policy(output, page.file.src_uri)


@_for_mkdocs
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _with_policy(output_content, template_name) if template_name.endswith(".html") else output_content


def _with_policy(html: str, where: str) -> str:
    """The page with the site's Content-Security-Policy (not in the preview: MkDocs' live reload is an inline
    script); a page holding what the policy blocks stops the build, the preview's too."""
    return csp.protect(html, where, meta=not _previewing)


@_for_mkdocs
def on_build_error(error: Exception) -> None:
    if _build is not None and _build.search is not None:
        _build.search.close()


@_for_mkdocs
def on_post_build(config: MkDocsConfig) -> None:
    build = _current()
    live = build.search
    if live is None:
        log.info("replies: dirty build: search index and site audit skipped (a full build does both)")
        _last.remember(config.site_dir, build.prints)
        return
    if build.problems:  # a preview that leaves out the replies with problems: the audit would (rightly) refuse it
        log.warning("replies: 预览中发现 %d 处问题，有问题的答复暂未显示（见 /problems/）", len(build.problems))
    else:
        missing = audit.audit(Path(config.site_dir), build.source, list(build.replies.values()), build.settings, build.withheld)
        if missing:
            raise PluginError("网站与 replies/ 不一致，已停止发布：\n" + "\n".join(missing))
    indexed = live.finish()
    if indexed != len(build.replies):
        raise PluginError(f"搜索索引收录了 {indexed} 个页面，但共有 {len(build.replies)} 件答复：请报告这个问题。")
    log.info("replies: search index holds %d replies", indexed)
    _last.remember(config.site_dir, build.prints)


@_for_mkdocs
def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(_current().source))
    return server
