"""The team workspace: one portfolio shared through a PostgreSQL server, each laptop working
offline on its own ``.rapport`` replica.

The history log (graph.changelog) is what travels: a replica pushes the rows its device wrote
and pulls the others'. On the way, local integer ids become global uids (``globalize``); the
server (``server_schema``, ``merge``) is the order of record, numbering every change it
accepts and deciding what each field holds; the replica (``replica``) then takes the server's
state for every record that moved. ``sync`` puts the steps together; ``conflicts`` lists and
resolves what needs a person to decide. No Qt here.
"""
