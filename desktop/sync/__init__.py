"""The team sync in the app: background syncs, live updates and their state in the status bar."""
