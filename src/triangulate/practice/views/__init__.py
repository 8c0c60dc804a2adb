"""The practice pages (design §9.1), one module per slice of design §10; practice/urls.py joins their
`urlpatterns`."""
