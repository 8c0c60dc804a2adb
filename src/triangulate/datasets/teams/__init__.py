"""Team names as extracts spell them, and which council team each means (reads in selectors, writes in services)."""
