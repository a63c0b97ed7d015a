"""The inspector dock: every field of the selected person or link."""
