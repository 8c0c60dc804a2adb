from django.urls import include, path

urlpatterns = [
    path("", include("triangulate.core.urls")),
    path("", include("triangulate.sso.urls")),
    path("people/", include("triangulate.people.urls")),
    path("improvement/", include("triangulate.improvement.urls")),
    path("data/", include("triangulate.datasets.urls")),
    path("benchmarks/", include("triangulate.benchmarks.urls")),
    path("performance/", include("triangulate.performance.urls")),
    path("audits/", include("triangulate.audits.urls")),
    path("practice/", include("triangulate.practice.urls")),
    path("workforce/", include("triangulate.workforce.urls")),
    path("feed/", include("triangulate.feed.urls")),
]

handler403 = "triangulate.core.views.errors.forbidden"
handler404 = "triangulate.core.views.errors.not_found"
handler500 = "triangulate.core.views.errors.server_error"
