"""The one root of the core's errors: each carries a whole message for the person who must act on it
(staff, or the site's maintainer). The glue turns it into MkDocs' PluginError in one place
(hooks/site.py), the staff commands into a click error in one place (scripts/cli.py)."""

from __future__ import annotations


class SiteError(Exception):
    """An error of the core, worded for whoever must fix it: the message says what and how."""
