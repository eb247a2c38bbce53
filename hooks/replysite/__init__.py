"""The reply publisher's core: the reply model and the site's views, free of any site engine.

Only `hooks/site.py` knows about MkDocs; everything here can be called from scripts and tests.
"""
