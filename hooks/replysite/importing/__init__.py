"""The importer: a letter (text, PDF, scan) read into a draft reply file. The build never imports this package."""
