"""Search: the site's own static index of character terms, written by a worker process while the site is built."""
