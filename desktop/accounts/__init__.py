"""The account list."""
