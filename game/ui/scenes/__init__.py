"""One class per screen; each scene navigates itself through the narrow Navigator interface."""
