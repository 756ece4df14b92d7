"""Renderer: contour map, fog, glyphs and HUD drawn with pygame-ce."""
