"""Quick read-only access to a workspace file with the standard library's ``sqlite3`` alone.

No SQLAlchemy, networkx or numpy is imported here: a command that only reads (``rapport
summary``) starts in a few dozen milliseconds instead of half a second.

- ``graph.quickread.opening.open_checked(path)``: a read-only ``sqlite3.Connection`` after
  every check the app makes before trusting a file read-only (the same refusals, the same
  messages: graph.store runs the same functions).
- ``graph.quickread.checks``: the schema, value and link checks as plain SQL, on the rules of
  ``graph.quickread.expected`` (plain data generated from graph.schema and graph.file_check,
  pinned equal to them by a test).
- ``graph.quickread.portfolio``: each account's facts as of a day, read in a handful of
  aggregate queries, for the signals (graph.signals) and the summary (graph.summary).
- ``graph.quickread.account_snapshot``: one account's snapshot as of a day (equal to
  graph.snapshot.read_account); ``graph.quickread.account_rows``: the rows of its map, emails
  and card positions, for a window's first paint (desktop.map.quick_map);
  ``graph.quickread.first_accounts``: the account list's rows and the first account opened.
"""
