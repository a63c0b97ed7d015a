"""The main window and what frames it: start-up, docks, actions and menus, dialogs."""
