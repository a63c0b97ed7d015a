"""The open workspace in the app: its session, background analysis, selection, and edits as
undo steps."""
