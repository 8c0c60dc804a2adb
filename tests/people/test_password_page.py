"""The password page, on the one form view: a change keeps its user signed in, is audited, and a wrong
current password changes nothing."""

from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role

NEW = "a-different-long-passphrase-7"


def test_changing_your_password_keeps_you_signed_in_and_is_audited(world, password, client_for):
    user = world.users[Role.PRACTITIONER]
    client = client_for(user)
    response = client.post(reverse("people:password_change"),
                           {"old_password": password, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200  # the session survived the new hash
    user.refresh_from_db()
    assert user.check_password(NEW)
    event = AuditEvent.objects.get(object_type="auth.user", object_id=str(user.pk))
    assert (event.verb, event.actor) == ("account.password_changed", user)


def test_a_wrong_current_password_changes_nothing(world, password, client_for):
    user = world.users[Role.PRACTITIONER]
    client = client_for(user)
    response = client.post(reverse("people:password_change"),
                           {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    assert "Your current password is not right" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(password) and not AuditEvent.objects.exists()
