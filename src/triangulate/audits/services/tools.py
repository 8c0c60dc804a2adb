"""Audit tools and their versions (design §1.1): install the defaults, create and edit a tool, make a draft,
publish it, retire or discard a version. Sections and questions are in tool_content.py.

Only a draft changes: `_claim_draft` locks the draft's `ToolVersion` and claims it against the version the
user's page was drawn from, so two people editing one draft never overwrite each other (a section or question
has no version of its own, so its changes claim the draft's)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock

from ..defaults import install_default_tools
from ..models import AuditTool, Grade, GradeScale, Question, Section, ToolVersion
from ..rules import Perm
from ..verbs import Verb

Status = ToolVersion.Status
TOOL_FIELDS = ("name", "kind", "population", "description", "is_active")
VERSION_FIELDS = ("grade_scale", "change_note")


def refuse(message, field=NON_FIELD_ERRORS):
    raise ValidationError({field: [message]})


@service(Perm.MANAGE_TOOLS)
def ensure_default_tools(*, actor, council):
    """Install the default scale and the default tools the council lacks, by key (§2): the demo and the tests
    call it; it is idempotent. Returns the tools created (none when the council has them all)."""
    from triangulate.core.models import Theme

    models = {"GradeScale": GradeScale, "Grade": Grade, "AuditTool": AuditTool, "ToolVersion": ToolVersion,
              "Section": Section, "Question": Question, "Theme": Theme}
    scale, tools = install_default_tools(council, models, created_by=user_of(actor), now=timezone.now())
    if scale is not None:
        trail.record(actor, Verb.GRADE_SCALE_CREATED, scale, name=scale.name, is_default=scale.is_default)
    for tool in tools:
        version = tool.versions.get()
        trail.record(actor, Verb.TOOL_CREATED, tool, key=tool.key, kind=tool.kind, default=True)
        trail.record(actor, Verb.VERSION_PUBLISHED, version, tool=tool.pk, number=1, status=Status.LIVE)
    return tools


# Tools -------------------------------------------------------------------------------------------------------


def _key_from(text):
    return slugify(text).replace("-", "_")[:60].strip("_")


def _check_tool_unique(council, name, key, exclude=None):
    others = AuditTool.objects.filter(council=council).exclude(pk=exclude)
    if name is not None and others.filter(name__iexact=name).exists():
        refuse(f"There is already a tool called “{name}”", "name")
    if key is not None and others.filter(key=key).exists():
        refuse(f"There is already a tool with the key “{key}”", "key")


@service(Perm.MANAGE_TOOLS)
def create_tool(*, actor, council, name, kind, population="open_cases", description="", key="", grade_scale=None):
    """A new tool with an empty draft version 1 on `grade_scale` (default: the council's default scale)."""
    name = " ".join(name.split())
    key = key or _key_from(name)
    if not key:
        refuse("The name must include letters or numbers", "name")
    _check_tool_unique(council, name, key)
    scale = grade_scale or GradeScale.objects.filter(council=council, is_default=True).first()
    if scale is None:
        refuse("The council has no default grade scale yet: set one before adding a tool")
    tool = AuditTool(council=council, name=name, key=key, kind=kind, population=population, description=description)
    tool.full_clean()
    tool.save()
    version = ToolVersion.objects.create(tool=tool, number=1, grade_scale=scale, created_by=user_of(actor))
    trail.record(actor, Verb.TOOL_CREATED, tool, key=key, kind=kind, population=population)
    trail.record(actor, Verb.VERSION_DRAFTED, version, tool=tool.pk, number=1)
    return tool


@service(Perm.MANAGE_TOOLS)
def edit_tool(*, actor, tool, expected_version=None, **values):
    """Change a tool's name, kind, population, description or whether it is offered for new rounds. The key
    never changes: imports and the defaults find the tool by it."""
    if "name" in values:
        values["name"] = " ".join(values["name"].split())
        _check_tool_unique(tool.council, values["name"], None, exclude=tool.pk)
    return trail.update_recorded(actor, tool, fields=TOOL_FIELDS, verb=Verb.TOOL_UPDATED, values=values,
                                 expected_version=expected_version)


# Versions ----------------------------------------------------------------------------------------------------


@service(Perm.MANAGE_TOOLS)
def new_draft(*, actor, tool):
    """Draft n+1: a copy of the live version (or, when the tool has none, of its latest version), keys included,
    so every question keeps its trend unless someone says its meaning changed."""
    lock(tool)
    versions = tool.versions.all()
    draft = versions.filter(status=Status.DRAFT).first()
    if draft is not None:
        refuse(f"This tool already has a draft, version {draft.number}: change that one")
    source = versions.filter(status=Status.LIVE).first() or versions.order_by("-number").first()
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    scale = source.grade_scale if source else GradeScale.objects.filter(council=tool.council, is_default=True).first()
    if scale is None:
        refuse("The council has no default grade scale yet: set one before making a draft")
    draft = ToolVersion.objects.create(tool=tool, number=number, grade_scale=scale, created_by=user_of(actor))
    if source is not None:
        for section in source.sections.prefetch_related("questions"):
            copy = Section.objects.create(version=draft, number=section.number, title=section.title,
                                          guidance=section.guidance)
            Question.objects.bulk_create(
                Question(section=copy, version=draft, number=q.number, key=q.key, text=q.text,
                         answer_type=q.answer_type, theme_id=q.theme_id, mandatory=q.mandatory,
                         allow_not_applicable=q.allow_not_applicable, asks_evidence=q.asks_evidence,
                         guidance=q.guidance, applies_to=list(q.applies_to))
                for q in section.questions.all())
    trail.record(actor, Verb.VERSION_DRAFTED, draft, tool=tool.pk, number=number,
                 copied_from=source.pk if source else None)
    return draft


def _require_draft(version):
    if version.status != Status.DRAFT:
        refuse(f"Version {version.number} is {version.get_status_display().lower()}: only a draft can be changed. "
               "Make a new draft to change the tool.")


def _claim_draft(version, expected_version):
    """Lock the version, refuse it unless it is a draft, and claim it (a stale page raises StaleEdit)."""
    lock(version)
    _require_draft(version)
    claim(version, expected_version)
    return version


@service(Perm.MANAGE_TOOLS)
def edit_version(*, actor, version, expected_version=None, **values):
    """A draft's grade scale and change note."""
    lock(version)
    _require_draft(version)
    scale = values.get("grade_scale")
    if scale is not None and scale.council_id != version.tool.council_id:
        refuse("Choose one of the council's grade scales", "grade_scale")
    return trail.update_recorded(actor, version, fields=VERSION_FIELDS, verb=Verb.VERSION_UPDATED, values=values,
                                 expected_version=expected_version)


@service(Perm.MANAGE_TOOLS)
def publish(*, actor, version, expected_version=None):
    """The draft goes live and the previous live version is retired, together. Version 2 on needs a change note."""
    _claim_draft(version, expected_version)
    if version.number > 1 and not version.change_note.strip():
        refuse(f"Say what changed since version {version.number - 1} (the change note) before publishing")
    if not version.questions.exists():
        refuse("Add at least one question before publishing")
    now, user = timezone.now(), user_of(actor)
    previous = version.tool.versions.filter(status=Status.LIVE).first()
    if previous is not None:  # first, so the one-live-per-tool constraint never sees two
        lock(previous)
        previous.status, previous.retired_by, previous.retired_at = Status.RETIRED, user, now
        previous.save(update_fields=["status", "retired_by", "retired_at"])
        trail.record(actor, Verb.VERSION_RETIRED, previous, status=[Status.LIVE, Status.RETIRED],
                     replaced_by=version.pk)
    version.status, version.published_by, version.published_at = Status.LIVE, user, now
    version.full_clean()
    version.save(update_fields=["status", "published_by", "published_at"])
    trail.record(actor, Verb.VERSION_PUBLISHED, version, status=[Status.DRAFT, Status.LIVE],
                 replaces=previous.pk if previous else None)
    return version


@service(Perm.MANAGE_TOOLS)
def retire(*, actor, version, expected_version=None):
    """Take the live version out of use for new rounds; audits already using it keep it."""
    lock(version)
    if version.status != Status.LIVE:
        refuse("Only the live version can be retired" + (": discard a draft instead" if version.status == Status.DRAFT
                                                          else f": version {version.number} is already retired"))
    claim(version, expected_version)
    version.status, version.retired_by, version.retired_at = Status.RETIRED, user_of(actor), timezone.now()
    version.save(update_fields=["status", "retired_by", "retired_at"])
    trail.record(actor, Verb.VERSION_RETIRED, version, status=[Status.LIVE, Status.RETIRED])
    return version


@service(Perm.MANAGE_TOOLS)
def discard(*, actor, version, expected_version=None):
    """Delete a draft with its sections and questions. Returns the tool."""
    _claim_draft(version, expected_version)
    tool, number = version.tool, version.number
    trail.record(actor, Verb.VERSION_DISCARDED, version, tool=tool.pk, number=number)
    try:
        version.delete()
    except ProtectedError:
        refuse("This draft is in use and cannot be discarded")
    return tool
