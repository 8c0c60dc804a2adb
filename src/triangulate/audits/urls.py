"""The audits pages (design §9.1). Each views module adds its own `urlpatterns` here as its slice lands;
none yet, so the permissions matrix has no row to miss."""

app_name = "audits"

urlpatterns = []
