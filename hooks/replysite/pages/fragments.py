"""Theme fragments drawn once and reused across pages.

Material draws the whole site navigation (the sidebar and the tabs) for every page. On a page outside
the navigation, a reply or an index page, nothing in it is marked as the current page, and its links
depend only on where the page sits, so one drawing serves every page that sits alike. At 3,000 replies
drawing it again for each page took nearly half of the theme's time (profiled).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from markupsafe import Markup


class SharedFragments:
    """Drawn fragments by key, for one build: made afresh with the build, so no rebuild sees old ones."""

    def __init__(self) -> None:
        self._drawn: dict[Hashable, Markup] = {}

    def get(self, key: Hashable, draw: Callable[[], str]) -> Markup:
        """The fragment drawn for `key`, drawing it with `draw` the first time."""
        if key not in self._drawn:
            self._drawn[key] = Markup(draw())
        return self._drawn[key]
