"""The permission matrix's rows for the audits pages of slice 'moderation' (design §8 gives the letters)."""

PAGES = []
TEAM_PAGES = []
POST_PAGES = []
