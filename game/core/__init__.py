"""The pure game core: rules, climbers, actions, options, storage, layout and the view transform (no pygame)."""
