"""Every word a player reads: gettext catalogues, number formats and the sentences behind verdicts."""
