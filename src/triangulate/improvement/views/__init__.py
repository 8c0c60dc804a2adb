"""The improvement pages, one module per page family (findings and actions; issue 12's plans, self-assessment,
evidence, top 10 and learning, design §10); improvement/urls.py joins their `urlpatterns`."""
