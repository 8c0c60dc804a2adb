"""The practice app's writes (design §3), one module per slice of design §10."""
