"""audits' pages, one module per activity (design §9.1). Each module that serves pages defines its own
`urlpatterns`; audits/urls.py joins them, so slices built side by side never edit one shared file."""
