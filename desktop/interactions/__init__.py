"""The Interactions tab: the timeline and the form that logs or edits a contact."""
