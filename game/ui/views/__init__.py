"""What the play map draws: the contour map, fog, glyphs and the play view that composes them."""
