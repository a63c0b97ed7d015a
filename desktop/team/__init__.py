"""Account > Our Team…: our side's members and their accounts."""
