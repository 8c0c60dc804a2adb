"""The default grade scale and audit tools (design §2), installed by migration 0002 for the councils that exist
then, and by `services.tools.ensure_default_tools` for a council made later (the demo, the tests).

The tables below are the design's, row for row. A question is (key, text, answer type, theme slug, mandatory,
applies to, guidance); "Not applicable" is allowed on every question except the grades and `child_better_off`
(§2.1), a rule applied to all five tools so the themed tools' copies of a full-audit question behave the same.
Installing is a plain function over model classes, so the data migration can pass its historical models."""

from dataclasses import dataclass, field

# value, label, colour, description, is_inadequate (§2)
DEFAULT_SCALE_NAME = "Ofsted four-point"
DEFAULT_GOOD_THRESHOLD = 3
DEFAULT_GRADES = (
    (4, "Outstanding", "green", "Practice is exceptional and makes a sustained difference.", False),
    (3, "Good", "turquoise", "Practice meets the standard and helps the child.", False),
    (2, "Requires improvement", "yellow", "Not yet good; no child is left at risk.", False),
    (1, "Inadequate", "red", "The child is left at risk or without help; act now.", True),
)

M, OPT = True, False  # mandatory, optional
CP, CLA, CL = "cp", "cla", "care_leaver"
# Questions that may not be answered "Not applicable" besides the grades.
ALWAYS_ANSWERED = {"child_better_off"}


@dataclass(frozen=True)
class Q:
    key: str
    text: str
    answer_type: str
    theme: str
    mandatory: bool
    applies_to: tuple = ()
    guidance: str = ""

    @property
    def allow_not_applicable(self):
        return self.answer_type != "grade" and self.key not in ALWAYS_ANSWERED

    @property
    def asks_evidence(self):  # on by default for grades (§1.1)
        return self.answer_type == "grade"


@dataclass(frozen=True)
class DefaultTool:
    key: str
    name: str
    kind: str
    description: str
    sections: tuple  # (title, (Q, ...))
    population: str = "open_cases"
    extra: dict = field(default_factory=dict)


FULL_SECTIONS = (
    ("Summary and chronology", (
        Q("summary_current", "Is there an up-to-date case summary saying why the family is known and what the "
          "worries are?", "yes_no", "recording", M, (),
          "Up to date means reviewed in the last 3 months or since the last significant event."),
        Q("chronology_current", "Is the chronology up to date and used to see patterns?", "yes_no", "recording", M,
          (), "A list of events is not enough: look for its use in assessments and plans."),
        Q("genogram", "Is there a genogram or ecomap showing who matters to the child?", "yes_no", "recording", OPT, (),
          "One drawn in direct work counts."),
        Q("history_considered", "Is the family's history, including from other areas, taken into account?",
          "yes_no", "assessment-quality", M, (), "Look for previous referrals, plans and other councils' records."),
        Q("summary_grade", "Quality of the summary and chronology", "grade", "recording", M, (),
          "Could a new worker understand the child's story quickly?"),
    )),
    ("Assessment and analysis", (
        Q("assessment_in_time", "Was the latest assessment completed within timescale?", "yes_no", "timeliness", M,
          (), "45 working days unless a shorter timescale was set."),
        Q("child_seen_assessment", "Was the child seen, and seen alone where appropriate, during the assessment?",
          "yes_no", "voice-of-the-child", M, (), "Note why if the child was not seen alone."),
        Q("analysis_risk", "Does the assessment analyse risks and strengths rather than only describe them?",
          "grade", "assessment-quality", M, (), "Good analysis says what the worries mean for this child."),
        Q("identity_needs", "Are the child's identity, culture, language and any disability considered?", "yes_no",
          "assessment-quality", OPT, (), "Look for it shaping the plan, not just listed."),
        Q("assessment_grade", "Quality of assessment and analysis", "grade", "assessment-quality", M, (),
          "Weigh timeliness, the child's part and the analysis together."),
    )),
    ("Voice and lived experience", (
        Q("wishes_feelings", "Are the child's wishes and feelings recorded, in their own words or through direct "
          "work?", "yes_no", "voice-of-the-child", M, (), "For a baby or a non-verbal child, look for observation."),
        Q("lived_experience", "Does the record say what daily life is like for this child?", "yes_no",
          "voice-of-the-child", M, (), "A \"day in the life\" should be recognisable."),
        Q("advocacy_offered", "Was advocacy offered where the child is entitled to it?", "yes_no",
          "voice-of-the-child", OPT, (CP, CLA, CL), "Conferences, looked-after reviews, complaints."),
        Q("voice_grade", "Voice and lived experience of the child", "grade", "voice-of-the-child", M, (),
          "Did the child's view change what was done?"),
    )),
    ("Planning (SMART)", (
        Q("plan_current", "Is there a current plan that follows from the assessment?", "yes_no", "planning-smart", M,
          (), "The plan's needs should be the assessment's conclusions."),
        Q("plan_smart", "Are the actions specific, measurable, achievable, realistic and timed, with named people?",
          "yes_no", "planning-smart", M, (),
          "\"Mum to engage\" is not SMART; \"attend 6 sessions with X by June\" is."),
        Q("contingency", "Does the plan say what happens if things do not improve?", "yes_no", "planning-smart", M),
        Q("plan_reviewed", "Was the plan reviewed within timescale?", "yes_no", "timeliness", M, (),
          "A CIN review, review conference, looked-after review or pathway plan review."),
        Q("family_understand_plan", "Do the child and family understand the plan?", "yes_no",
          "parent-and-carer-experience", OPT, (), "Look for a plan in the family's words."),
        Q("permanence_plan", "Is there a permanence plan by the second review?", "yes_no", "planning-smart", OPT,
          (CLA,)),
        Q("pathway_plan", "Is the pathway plan current, and is the personal adviser in regular contact?", "yes_no",
          "planning-smart", OPT, (CL,)),
        Q("planning_grade", "Quality of planning", "grade", "planning-smart", M),
    )),
    ("Visits and direct work", (
        Q("visits_in_time", "Were statutory visits made within timescale over the last 6 months?", "yes_no",
          "visits-and-direct-work", M, (), "Check the visit records, not the performance report."),
        Q("seen_alone_visits", "Was the child seen alone on visits where appropriate?", "yes_no",
          "visits-and-direct-work", M),
        Q("visit_purpose", "Do visit records show purpose, analysis and a link to the plan?", "yes_no",
          "visits-and-direct-work", M, (), "\"Child seen, all well\" does not meet this."),
        Q("direct_work", "Is there evidence of purposeful direct work with the child?", "yes_no",
          "visits-and-direct-work", M),
        Q("visits_grade", "Quality of visits and direct work", "grade", "visits-and-direct-work", M, (),
          "Visits that are on time but thin are not good."),
    )),
    ("Multi-agency working", (
        Q("partners_involved", "Are the right partners involved and doing their part of the plan?", "yes_no",
          "multi-agency-working", M),
        Q("meetings_attended", "Are core groups, care team or network meetings held and attended by partners?",
          "yes_no", "multi-agency-working", OPT),
        Q("information_shared", "Is information shared promptly, with strategy discussions with police and health "
          "when needed?", "yes_no", "multi-agency-working", M),
        Q("health_education", "Are the health assessment and personal education plan up to date?", "yes_no",
          "outcomes", OPT, (CLA,)),
        Q("multi_agency_grade", "Quality of multi-agency working", "grade", "multi-agency-working", M),
    )),
    ("Management oversight and supervision", (
        Q("decisions_recorded", "Are management decisions recorded with their reasons?", "yes_no",
          "management-oversight-and-supervision", M),
        Q("supervision_in_time", "Has the case been discussed in supervision at the expected frequency?", "yes_no",
          "management-oversight-and-supervision", M),
        Q("supervision_reflective", "Does supervision reflect on risk and the child's experience, not only tasks?",
          "yes_no", "management-oversight-and-supervision", M),
        Q("drift_addressed", "Where there was drift or delay, did a manager notice and act?", "yes_no",
          "management-oversight-and-supervision", M, (), "Not applicable when there was none."),
        Q("oversight_grade", "Management oversight and supervision", "grade", "management-oversight-and-supervision",
          M),
    )),
    ("Recording", (
        Q("recording_current", "Are case notes entered within the council's recording standard?", "yes_no",
          "recording", M),
        Q("written_to_child", "Is the record written so the child could understand it later?", "yes_no",
          "recording", OPT),
        Q("recording_grade", "Quality of recording", "grade", "recording", M),
    )),
    ("Outcomes and impact", (
        Q("progress_against_plan", "Is there evidence of progress against the plan's outcomes?", "yes_no",
          "outcomes", M),
        Q("child_better_off", "Is the child safer or better off because of the help given?", "yes_no", "outcomes",
          M, (), "Answer from the child's point of view (North Tyneside)."),
        Q("impact_grade", "Impact on the child's circumstances", "grade", "outcomes", M),
    )),
)

_FULL = {q.key: q for _, questions in FULL_SECTIONS for q in questions}


def _reuse(*keys):
    """The full audit's questions, so a themed audit's results join its trends (§2.2)."""
    return tuple(_FULL[key] for key in keys)


VISITS_SECTIONS = (("Visits", (
    *_reuse("visits_in_time", "seen_alone_visits", "visit_purpose", "direct_work", "wishes_feelings",
            "lived_experience"),
    Q("visit_recording", "Is each visit recorded within the recording standard?", "yes_no", "recording", M),
    *_reuse("visits_grade"),
)),)

PLANS_SECTIONS = (("Plans", (
    *_reuse("plan_current", "plan_smart", "contingency", "plan_reviewed", "family_understand_plan",
            "progress_against_plan"),
    Q("plan_actions_done", "Were the plan's actions due so far done by the people named?", "yes_no",
      "planning-smart", M),
    *_reuse("planning_grade"),
)),)

CLOSURE_SECTIONS = (("Closure", (
    Q("closure_right", "Was closing the right decision, with risks reduced and reasons recorded?", "grade",
      "assessment-quality", M, (), "Judge on what was known at closure."),
    Q("closure_manager_agreed", "Did a manager agree the closure and record why?", "yes_no",
      "management-oversight-and-supervision", M),
    Q("closure_child_views", "Were the child's views about closing sought?", "yes_no", "voice-of-the-child", M),
    Q("closure_family_told", "Were the family told in writing, with whom to contact?", "yes_no",
      "parent-and-carer-experience", M),
    Q("closure_step_down", "Were partners told, and a step-down plan agreed where needed?", "yes_no",
      "multi-agency-working", M, (), "Early help or universal services."),
    Q("closure_outcomes", "Were the plan's outcomes achieved?", "yes_no", "outcomes", M),
    Q("closure_summary", "Is there a closing summary written for the child?", "yes_no", "recording", OPT),
    Q("closure_grade", "Quality of the closure", "grade", "outcomes", M),
)),)

MULTI_AGENCY_SECTIONS = (("Multi-agency working", (
    Q("ma_referral", "Was the referral clear about the worries and what the referrer wanted?", "grade",
      "multi-agency-working", M),
    Q("ma_strategy", "Was a strategy discussion held with police and health when needed?", "yes_no",
      "multi-agency-working", M),
    Q("ma_information", "Did each agency share what it knew in time to inform decisions?", "grade",
      "multi-agency-working", M),
    Q("ma_attendance", "Did partners attend and contribute to conferences, core groups and reviews?", "yes_no",
      "multi-agency-working", M),
    Q("ma_roles", "Does the plan say what each agency will do, and did they do it?", "grade", "planning-smart", M),
    Q("ma_voice", "Did professionals in every agency hear and record the child's views?", "yes_no",
      "voice-of-the-child", M),
    Q("ma_escalation", "Where agencies disagreed, was the escalation procedure used?", "yes_no", "leadership", OPT,
      (), "Not applicable without disagreement."),
    Q("ma_agency_findings", "What did each agency find in its own records?", "text", "multi-agency-working", M, (),
      "One paragraph per agency."),
    Q("ma_grade", "Effectiveness of working together for this child", "grade", "multi-agency-working", M),
)),)

DEFAULT_TOOLS = (
    DefaultTool("full_case_audit", "Full case audit", "full",
                "The whole record, from the summary to the impact on the child.", FULL_SECTIONS),
    DefaultTool("visits_themed", "Visits and direct work", "themed",
                "A themed audit of visits and direct work; its results join the full audit's trends.",
                VISITS_SECTIONS),
    DefaultTool("smart_plans_themed", "SMART plans", "themed",
                "A themed audit of plans; its results join the full audit's trends.", PLANS_SECTIONS),
    DefaultTool("closure_audit", "Closure audit", "closure",
                "Whether a closed case was closed well, judged on what was known at closure.", CLOSURE_SECTIONS,
                population="closed_cases"),
    DefaultTool("multi_agency_audit", "Multi-agency audit", "multi_agency",
                "How well the agencies worked together for the child.", MULTI_AGENCY_SECTIONS),
)


def install_default_scale(council, grade_scale_model, grade_model):
    """The council's "Ofsted four-point" scale, made if missing (the default when no other scale is).
    Returns (scale, created)."""
    scale = grade_scale_model.objects.filter(council=council, name=DEFAULT_SCALE_NAME).first()
    if scale is not None:
        return scale, False
    has_default = grade_scale_model.objects.filter(council=council, is_default=True).exists()
    scale = grade_scale_model.objects.create(council=council, name=DEFAULT_SCALE_NAME,
                                             good_threshold=DEFAULT_GOOD_THRESHOLD, is_default=not has_default)
    for value, label, colour, description, inadequate in DEFAULT_GRADES:
        grade_model.objects.create(scale=scale, value=value, label=label, colour=colour, description=description,
                                   is_inadequate=inadequate)
    return scale, True


def install_default_tools(council, models, *, created_by=None, now=None):
    """Install the default scale and every default tool the council lacks (by key), each as version 1, live,
    on the council's default scale. A tool the council already has is left exactly as it is, edits and all.
    `models` maps names to model classes (real or historical): GradeScale, Grade, AuditTool, ToolVersion,
    Section, Question, Theme. Returns (scale if it was created else None, [tools created])."""
    scale, created = install_default_scale(council, models["GradeScale"], models["Grade"])
    default_scale = models["GradeScale"].objects.filter(council=council, is_default=True).first() or scale
    themes = {theme.slug: theme for theme in models["Theme"].objects.all()}
    tools = []
    for spec in DEFAULT_TOOLS:
        if models["AuditTool"].objects.filter(council=council, key=spec.key).exists():
            continue
        name = spec.name
        if models["AuditTool"].objects.filter(council=council, name=name).exists():
            name = f"{spec.name} (default)"  # the council already named a tool of its own so
        tool = models["AuditTool"].objects.create(council=council, name=name, key=spec.key, kind=spec.kind,
                                                  population=spec.population, description=spec.description)
        version = models["ToolVersion"].objects.create(
            tool=tool, number=1, status="live", grade_scale=default_scale, created_by=created_by,
            published_by=created_by, published_at=now)
        for s_number, (title, questions) in enumerate(spec.sections, start=1):
            section = models["Section"].objects.create(version=version, number=s_number, title=title)
            for q_number, q in enumerate(questions, start=1):
                if q.theme not in themes:
                    raise LookupError(f"the default theme {q.theme!r} is missing: run core's migrations first")
                models["Question"].objects.create(
                    section=section, version=version, number=q_number, key=q.key, text=q.text,
                    answer_type=q.answer_type, theme=themes[q.theme], mandatory=q.mandatory,
                    allow_not_applicable=q.allow_not_applicable, asks_evidence=q.asks_evidence,
                    guidance=q.guidance, applies_to=list(q.applies_to))
        tools.append(tool)
    return (scale if created else None), tools
