"""The People tab: the table of an account's people and its editors."""
