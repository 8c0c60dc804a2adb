"""The audits app's part of the home page (design §9.1): your audits, open safeguarding flags, audits of your
cases and moderation waiting. Each part appears only when it has something in it; the panel is left out when
none has. Registered in apps.py (core/site.py explains the furniture)."""

from django.utils import timezone

from .models import CaseAudit, Moderation, SafeguardingFlag
from .rules import Perm
from .selectors import audits_visible_to, flags_visible_to
from .services.reminders import UNFINISHED

SHOWN = 8


def staff_id_of(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "staff_id", None)


def audits_panel(user):
    today = timezone.localdate()
    mine = (audits_visible_to(user).filter(auditor=user, state__in=UNFINISHED)
            .select_related("team", "round").order_by("due_date", "pk"))
    flags = (flags_visible_to(user).filter(status__in=(SafeguardingFlag.Status.RAISED,
                                                       SafeguardingFlag.Status.ACKNOWLEDGED,
                                                       SafeguardingFlag.Status.ACTION_RECORDED))
             if user.has_perm(Perm.VIEW_FLAGS) else SafeguardingFlag.objects.none())
    staff_id = staff_id_of(user)
    my_cases = (audits_visible_to(user).filter(worker_id=staff_id).exclude(state=CaseAudit.State.WITHDRAWN)
                .select_related("team").order_by("-shared_at", "-pk") if staff_id else CaseAudit.objects.none())
    moderations = (Moderation.objects.filter(moderator=user, status=Moderation.Status.ALLOCATED)
                   .select_related("audit__team").order_by("due_date", "pk"))
    context = {
        "my_audits": list(mine[:SHOWN]), "my_audit_count": mine.count(),
        "my_overdue_count": mine.filter(due_date__lt=today).count(),
        "open_flags": list(flags.select_related("team")[:SHOWN]), "open_flag_count": flags.count(),
        "my_cases": list(my_cases[:SHOWN]),
        "moderations": list(moderations[:SHOWN]), "moderation_count": moderations.count(), "today": today,
    }
    if not (context["my_audit_count"] or context["open_flag_count"] or context["my_cases"]
            or context["moderation_count"]):
        return None
    return context
