"""Where the site is published: what the open data, the feeds and the sitemap need to write absolute URLs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from replysite.errors import SiteError

# Replies are issued in China; their dates are local dates there.
TIMEZONE = datetime.timezone(datetime.timedelta(hours=8))


class PublicationError(SiteError):
    """The site's address in mkdocs.yml cannot be used to write absolute URLs."""


@dataclass(frozen=True)
class Site:
    """The site's address (`site_url`, possibly with a sub-path) and its name."""

    url: str
    name: str

    @classmethod
    def from_config(cls, site_url: str | None, site_name: str) -> Site:
        """Check `site_url` from mkdocs.yml: feeds, the sitemap and the data files need it absolute."""
        url = site_url or ""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            example = "例如 https://example.org/ 或 https://example.org/replies/"
            raise PublicationError(f"mkdocs.yml: site_url 应是本站对外公开的完整网址（{example}），现为 {site_url!r}：请改正。")
        return cls(url if url.endswith("/") else f"{url}/", site_name)

    @property
    def base_path(self) -> str:
        """The path the site is served under: `/`, or `/replies/` for a site in a sub-folder."""
        return urlsplit(self.url).path

    def absolute(self, path: str) -> str:
        """Absolute URL of the site path `path` (`replies/2018/x/`, `` for the home page)."""
        return self.url + path


def moment(day: datetime.date) -> str:
    """A reply's date as an RFC 3339 timestamp at the start of that day in China."""
    return datetime.datetime.combine(day, datetime.time(), TIMEZONE).isoformat()
