"""The feed's endpoints (endpoints.py: token-authenticated, no session) and the token pages (tokens.py, help.py);
feed/urls.py joins their `urlpatterns`."""
