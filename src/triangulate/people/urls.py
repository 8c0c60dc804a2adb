from django.urls import path

from .views import accounts, council, password, staff, teams

app_name = "people"

urlpatterns = [
    path("council/", council.council, name="council"),
    path("council/change/", council.council_edit, name="council_edit"),
    path("council/population/", council.population_edit, name="population_edit"),
    path("council/neighbours/", council.neighbours_edit, name="neighbours_edit"),
    path("teams/", teams.team_list, name="team_list"),
    path("teams/new/", teams.team_create, name="team_create"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("teams/<int:pk>/change/", teams.team_edit, name="team_edit"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/new/", staff.staff_create, name="staff_create"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/change/", staff.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/move/", staff.staff_move, name="staff_move"),
    path("password/", password.change_password, name="password_change"),
    path("users/", accounts.user_list, name="user_list"),
    path("users/new/", accounts.user_create, name="user_create"),
    path("users/<int:pk>/", accounts.user_edit, name="user_edit"),
]
