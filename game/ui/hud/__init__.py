"""The HUD panel: small blocks (probes, height and slope, partials, step, guess, score, Hessian, history, legends)."""
