"""One class per screen: title, level select, play, result, pause, help, entry."""
