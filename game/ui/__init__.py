"""The pygame side: the loop, input mapping, scenes, views, the HUD and widgets."""
