"""The feed's endpoints (views/endpoints.py) and token pages (views/tokens.py), joined as workforce/urls.py does."""

from .views import endpoints, tokens

app_name = "feed"
urlpatterns = [*endpoints.urlpatterns, *tokens.urlpatterns]

