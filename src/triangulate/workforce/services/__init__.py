"""workforce's writes (core/authority.py): one module per slice of design §9."""
