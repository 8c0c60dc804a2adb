"""workforce's writes (design §9), one module per slice."""
