"""The change log in the app: a person's history and Account > History…."""
