"""audits' write services, one module per activity (design §10): every write goes through a function here,
declared with core.authority.service so the permission is checked first and the write is all-or-nothing."""
