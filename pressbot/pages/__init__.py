"""Page classes: one response in, one item (or a list of links) out. No requests here."""
