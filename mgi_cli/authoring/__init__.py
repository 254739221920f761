"""Writing and updating matrices: new drafts, follow-ups, spreadsheets, formatting, progress."""
