"""Developer measures, apart from the staff commands: the benchmark (`bench`), what readers wait for
(`readers`), synthetic replies for volume (`synthetic`), and the sandbox the tests share with them.

Run from the repository root: `python -m scripts.measures bench --sizes 1000,10000`.
"""
