"""Guests with an account (design §3.4, decision 6): invite, send a new link, end access, and the guest's welcome.

A guest's account is made by people (`create_guest_account`: no role, no staff record, no teams, an unusable
password) and ends `GUEST_DAYS_AFTER` days after the event, at 23:59 council time. The invitation is a one-time link
to `practice:guest_welcome`, made by `GuestLinkTokens`, Django's password-reset tokens under practice's own salt:

- **single use**: the token hashes the account's password, so setting one spends it;
- **replaced** by "Send a new link": it also hashes the account's latest invitation time (`Assessor.invited_at`),
  which a new link moves on, so the earlier link stops working at once;
- **short-lived**: `PASSWORD_RESET_TIMEOUT` (3 days).

The link is emailed by `send_mail` when the transaction commits (the one message carrying a secret, so it is not a
Notification, whose text is kept in the database) and returned to the organiser's page, which shows it once."""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.formatting import date_uk
from triangulate.people import services as people
from triangulate.people.models import UserProfile

from ..models import Assessor, PracticeEvent
from ..rules import Perm
from ..verbs import Verb

log = logging.getLogger(__name__)
# An event in these states has no visits left to make: nobody is invited to it.
FINISHED = (PracticeEvent.Status.COMPLETE, PracticeEvent.Status.CANCELLED)
LINK_EXPIRED = "This link has been used, replaced or has expired. Ask the event's organiser to send a new one."


class GuestLinkTokens(PasswordResetTokenGenerator):
    """A guest's one-time link: a password-reset token with its own salt (a reset token is never a guest link, nor
    the other way), spent by setting a password and replaced by a newer invitation."""

    key_salt = "triangulate.practice.services.guests.GuestLinkTokens"

    def _make_hash_value(self, user, timestamp):
        latest = Assessor.objects.filter(user=user).aggregate(latest=Max("invited_at"))["latest"]
        return super()._make_hash_value(user, timestamp) + (latest.isoformat() if latest else "")


tokens = GuestLinkTokens()


def access_ends_at(event):
    """The end of a guest's access: 23:59 council time, GUEST_DAYS_AFTER days after the event's last day."""
    day = event.ends_on + timedelta(days=settings.TRIANGULATE["PRACTICE"]["GUEST_DAYS_AFTER"])
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def invitations_open_at(event):
    """When a guest of `event` can first be invited: their access may last at most GUEST_MAX_DAYS (people's limit),
    so an invitation waits until the event's access end is that close."""
    return access_ends_at(event) - timedelta(days=settings.TRIANGULATE["PRACTICE"]["GUEST_MAX_DAYS"])


def invitation_refusal(event, now=None):
    """Why a guest of `event` cannot be invited now, or None."""
    now = now or timezone.now()
    if event.status in FINISHED:
        return f"This event is {event.get_status_display().lower()}: guests can no longer be invited to it."
    ends_at = access_ends_at(event)
    if ends_at <= now:
        return f"Guests' access to this event ended on {date_uk(timezone.localtime(ends_at).date())}."
    opens_at = invitations_open_at(event)
    if now < opens_at:
        limit = settings.TRIANGULATE["PRACTICE"]["GUEST_MAX_DAYS"]
        return (f"Guests of this event can be invited from {date_uk(timezone.localtime(opens_at).date())}: a guest's "
                f"access lasts at most {limit} days and ends on {date_uk(timezone.localtime(ends_at).date())}.")
    return None


def guests_to_invite(event):
    """The event's guests with an email address and no account yet (publishing invites them)."""
    return list(event.assessors.filter(kind=Assessor.Kind.GUEST, user__isnull=True).exclude(email=""))


def link_path(user):
    return reverse("practice:guest_welcome", args=[urlsafe_base64_encode(force_bytes(user.pk)),
                                                   tokens.make_token(user)])


def user_of_link(uidb64):
    """The account a link names, or None (a link that does not decode, or names nobody)."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return get_user_model().objects.filter(pk=pk).first()


def link_works(user, token):
    """Whether `token` is a live link for `user`: a guest's (no role), still current, and the token is theirs."""
    if user is None:
        return False
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None or profile.role or not profile.is_current() or not user.is_active:
        return False
    return tokens.check_token(user, token)


def _split_name(name):
    first, _, last = name.strip().partition(" ")
    return first, last.strip()


def _require_guest_of_live_event(assessor):
    if assessor.kind != Assessor.Kind.GUEST:
        raise ValidationError("Only a guest is invited: a member of staff signs in with their own account.")
    refusal = invitation_refusal(assessor.event)
    if refusal:
        raise ValidationError(refusal)


def invite_refusal(assessor):
    """Why this assessor cannot be invited now, or None: the checks people's create_guest_account would make, said
    about the guest, so the invite and publish pages can say them before anything is written."""
    from django.core.validators import validate_email
    from django.utils.text import slugify

    if assessor.kind != Assessor.Kind.GUEST:
        return "Only a guest is invited: a member of staff signs in with their own account."
    refusal = invitation_refusal(assessor.event)
    if refusal:
        return refusal
    if assessor.user_id:
        return f"{assessor.name} has already been invited: send a new link instead."
    if not assessor.email:
        return f"Add {assessor.name}'s email address first, or keep them on paper."
    try:
        validate_email(assessor.email)
    except ValidationError:
        return f"{assessor.name}'s email address is not valid: correct it first."
    staff = (get_user_model().objects.filter(email__iexact=assessor.email).exclude(profile__role="")
             .exclude(profile__isnull=True))
    if staff.exists():
        return (f"{assessor.email} belongs to a member of staff's account: add them as a staff assessor "
                "instead.")
    if not all(slugify(part) for part in _split_name(assessor.name)):
        return f"Give {assessor.name}'s first and last names to invite them: their username is made from both."
    return None


def _send_link(assessor, user, link):
    """The invitation email, sent when the transaction commits (a rolled-back invitation sends nothing)."""
    event = assessor.event
    ends = date_uk(timezone.localtime(user.profile.expires_at).date())
    body = (f"You are invited to observe practice in {event.title}.\n\n"
            f"Set your password with this link. It works once and lasts {settings.PASSWORD_RESET_TIMEOUT // 86400} "
            f"days:\n{link}\n\nYour username is {user.username}. Your access ends on {ends}.\n\n"
            "Do not write anyone's name in your notes. Your notes belong to the council.")
    subject = f"Your invitation to {event.title}"[:200]
    assessor_pk = assessor.pk

    def send():
        try:
            send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
        except Exception as error:  # the organiser's page still shows the link to hand over; never the link here
            log.warning("practice guest invitation for assessor %s: email failed (%s)", assessor_pk,
                        type(error).__name__)

    transaction.on_commit(send)


def _full_link(user):
    return settings.TRIANGULATE_SITE_URL.rstrip("/") + link_path(user)


@service(Perm.MANAGE_EVENT, on="assessor")
def invite_guest(*, actor, assessor):
    """Make the guest's account (or reuse the role-less account their email already has) and email them a one-time
    link. Returns the link, for the organiser's page to show once."""
    assessor = lock(assessor)
    refusal = invite_refusal(assessor)
    if refusal:
        raise ValidationError(refusal)
    ends_at = access_ends_at(assessor.event)
    claim(assessor, None)
    user = (get_user_model().objects.filter(email__iexact=assessor.email, profile__role="")
            .exclude(practice_assessors__event=assessor.event).order_by("pk").first())
    if user is None:
        first, last = _split_name(assessor.name)
        user = people.create_guest_account.step(actor=actor, first_name=first, last_name=last,
                                                email=assessor.email, access_ends_at=ends_at)
    elif user.profile.expires_at is None or user.profile.expires_at < ends_at:
        # the same guest in a later event (a practice day after the week): their access runs to the later end
        people.set_guest_access_end.step(actor=actor, user=user, access_ends_at=ends_at)
    assessor.user = user
    assessor.invited_at, assessor.invited_by = timezone.now(), user_of(actor)
    assessor.access_ends_at = UserProfile.objects.get(user=user).expires_at
    assessor.save(update_fields=["user", "invited_at", "invited_by", "access_ends_at"])
    trail.record(actor, Verb.GUEST_INVITED, assessor, event=assessor.event_id, user=user.pk,
                 access_ends_at=assessor.access_ends_at)
    user.refresh_from_db()
    link = _full_link(user)
    _send_link(assessor, user, link)
    return link


@service(Perm.MANAGE_EVENT, on="assessor")
def new_link(*, actor, assessor):
    """"Send a new link": the earlier link stops working; the new one is emailed and returned. A guest who has
    forgotten their password sets a new one through it."""
    assessor = lock(assessor)
    _require_guest_of_live_event(assessor)
    if not assessor.user_id:
        raise ValidationError(f"{assessor.name} has not been invited yet.")
    user = assessor.user
    if not user.profile.is_current():
        raise ValidationError(f"{assessor.name}'s access has ended: a new link would not let them in.")
    claim(assessor, None)
    assessor.invited_at, assessor.invited_by = timezone.now(), user_of(actor)
    assessor.save(update_fields=["invited_at", "invited_by"])
    trail.record(actor, Verb.GUEST_LINK_REPLACED, assessor, event=assessor.event_id, user=user.pk)
    link = _full_link(user)
    _send_link(assessor, user, link)
    return link


@service(Perm.MANAGE_EVENT, on="assessor")
def end_guest_access(*, actor, assessor):
    """"End access now": the guest's account ends at once (they are signed out on their next page). Their
    handed-in notes stay."""
    assessor = lock(assessor)
    if assessor.kind != Assessor.Kind.GUEST or not assessor.user_id:
        raise ValidationError("Only a guest with an account has access to end.")
    if not assessor.user.profile.is_current():
        raise ValidationError(f"{assessor.name}'s access has already ended.")
    claim(assessor, None)
    now = timezone.now()
    people.set_guest_access_end.step(actor=actor, user=assessor.user, access_ends_at=now)
    assessor.access_ends_at = now
    assessor.save(update_fields=["access_ends_at"])
    trail.record(actor, Verb.GUEST_ACCESS_ENDED, assessor, event=assessor.event_id, user=assessor.user_id,
                 access_ends_at=now)
    return assessor


@service(Perm.GUEST_VISITS)
def accept_invitation(*, actor, token, password):
    """The guest (`actor`, named by the link) sets their password through their one-time link, which it spends.
    The welcome page then signs them in."""
    if not link_works(actor, token):
        raise ValidationError(LINK_EXPIRED)
    try:
        password_validation.validate_password(password, actor)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages}) from None
    people.set_password.step(actor=actor, user=actor, password=password)
    for assessor in Assessor.objects.filter(user=actor):
        trail.record(actor, Verb.GUEST_WELCOMED, assessor, event=assessor.event_id, user=actor.pk)
    return actor
