"""The improvement records the matrix's issue-12 rows name (docs/design/improvement.md §8). Each slice adds the
records its rows need in its own function below, called from add_improvement_records, with kinds starting
"improvement_" (per side: "own" is the matrix's own team, "other" the other team's)."""


def add_improvement_records(world, out):
    add_assessment_records(world, out)
    return out


def add_assessment_records(world, out):
    """S2: last year's self-assessment, judged and published (`improvement_assessment`), this year's draft with no
    domain judged (`improvement_assessment_draft`), a domain of the draft (`improvement_judgement`) and a domain
    template (`improvement_domain`); the same records on both sides (a self-assessment is council-wide)."""
    from triangulate.core.roles import Role
    from triangulate.improvement import assessment

    lead = world.users[Role.QA_LEAD]
    council = world.own.council
    published = assessment.create_assessment(actor=lead, council=council, year=2025)
    for judgement in published.judgements.all():
        assessment.edit_judgement(actor=lead, judgement=judgement, grade=published.scale.grades.get(value=4))
    assessment.publish_assessment(actor=lead, assessment=published)
    draft = assessment.create_assessment(actor=lead, council=council, year=2026)
    kinds = {"improvement_assessment": published, "improvement_assessment_draft": draft,
             "improvement_judgement": draft.judgements.order_by("number").first(),
             "improvement_domain": council.domain_templates.order_by("number").first()}
    for side in ("own", "other"):
        out[side].update(kinds)
    return out
