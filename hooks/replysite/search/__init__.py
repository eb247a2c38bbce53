"""Search: Pagefind fed page by page through its service, in parts, merged into one bundle in a fixed order."""
