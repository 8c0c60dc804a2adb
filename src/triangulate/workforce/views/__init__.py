"""The workforce pages (design §6), one module per slice of design §9; workforce/urls.py joins their
`urlpatterns`."""
