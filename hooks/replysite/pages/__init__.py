"""The site's pages: the views computed from the replies, their statistics, the HTML they are drawn to, and the sanitised letter bodies."""
