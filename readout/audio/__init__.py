"""Audio: output devices and the player that feeds them."""
