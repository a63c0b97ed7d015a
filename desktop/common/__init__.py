"""Building blocks every part of the app uses: dialogs, icons, palette, labels, Qt set-up."""
