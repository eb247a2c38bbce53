"""The reply model: the field table, the typed Reply, front matter, checks, privacy, names,
settings, the folder of replies and the problems found in it."""
