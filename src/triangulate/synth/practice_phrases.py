"""What the demo council's assessors write in a practice week: short entries by theme, in the voice of seed 000's
feedback (Northumberland's practice week, January 2018), reworded and spread over the themes the default headings
offer (practice/defaults.py). synth/practice_entries.py picks from these by seed.

No entry names a person: "the child", "mum", "the social worker". The names check (practice/presenters.py) flags
any whole word that is a staff member's first or last name, ignoring case, and the demo's staff are drawn from
synth/names.py, so the texts also avoid ordinary words that are names there ("young", "foster", "will", "mark",
"hall", "white"...): tests/synth/test_practice_plan.py checks every text against both lists.

- STRENGTHS / DEVELOPMENT: theme slug -> texts, for the three strengths-and-development headings.
- THIN_VISITS: the mismatched team's visits: on time by the figures, thin in the notes (the story's planted
  disagreement, journeys/story.py).
- GOOD_PRACTICE: theme slug -> texts, for the heading "Good or innovative practice".
- EXEMPLARS: (theme, text) case examples.
- QUOTES: who said it -> ((theme, positive?, text), ...)."""

STRENGTHS = {
    "leadership": (
        "Managers were visible and accessible; staff said they could always find someone to talk a case through.",
        "The team manager led the team meeting well: clear actions, named owners and a check on last week's.",
        "Staff felt informed about changes in the service and were positive about new developments.",
        "Strong team working: colleagues covered visits for each other without being asked.",
        "Systems are well embedded: staff knew what was expected of them and where to find it.",
    ),
    "management-oversight-and-supervision": (
        "Supervision is regular and reflective; workers described it as the place they think about the child.",
        "Management decisions were on the records seen, with the reasons written for the child.",
        "The ASYE programme is well managed: protected caseloads and a mentor for each newly qualified worker.",
        "The deputy manager's case direction was clear and recorded on the same day.",
    ),
    "workforce-and-caseloads": (
        "Morale was good and the atmosphere in the team room was warm and busy.",
        "Caseloads were talked about openly and the manager moved cases before workers were overwhelmed.",
        "A stable team: most workers have been here more than two years and know each family's history.",
        "New starters had a planned induction and shadowed visits before taking cases of their own.",
    ),
    "voice-of-the-child": (
        "The child was at the centre of the discussion; the worker kept bringing the meeting back to what they want.",
        "The worker rang the teenager to introduce themselves before the first home visit.",
        "Direct work with the child (drawings and a feelings scale) was used in the plan and quoted in the record.",
        "In the meetings observed the focus stayed on the child and on improving things for them.",
        "The child's own words were in the assessment and the plan said what had changed because of them.",
    ),
    "visits-and-direct-work": (
        "Workers visit every child in care monthly wherever they live, above the statutory minimum.",
        "Visits were purposeful: each had a plan and the child was seen alone when it was right.",
        "The worker used an app on the phone so a child with attachment difficulties could answer on screen.",
        "The visit was unhurried; the worker played with the toddler and wrote up what was seen the same day.",
    ),
    "recording": (
        "Where recording was seen it was excellent: written to the child, clear and up to date.",
        "Case summaries were current and chronologies had been reviewed in supervision.",
        "Case notes said what the visit was for, what was seen and what happens next.",
    ),
    "parent-and-carer-experience": (
        "Consistency of workers has built trusting relationships with parents and a sound understanding of history.",
        "The worker framed the full picture for the parent in a positive, solution-focused way with shared goals.",
        "Carer support is very good; carers said they could reach the team when they needed to.",
        "The parent said the worker explained the worries plainly and checked they had understood.",
    ),
    "planning-smart": (
        "Clear and strong plans where parents knew what was expected of them and by when.",
        "Pre-birth assessments were clear and included plans for the baby once born.",
        "The plan's actions had dates and owners, and the core group checked each one.",
    ),
    "multi-agency-working": (
        "Police information reached the front door quickly and was backed up with the right paperwork.",
        "Partners attended the core group and each knew their part of the plan.",
        "Co-location with health visitors meant swift problem solving and less delay in decisions.",
        "The school's safeguarding lead shared attendance and what the child had said in class.",
    ),
}

DEVELOPMENT = {
    "leadership": (
        "The team needed more preparation before the practice week; staff were not sure why assessors were there.",
        "Staff did not feel informed about the changes to the service structure.",
        "Staff do not recognise how well they work as a team, and say so only when asked.",
    ),
    "management-oversight-and-supervision": (
        "Quality of supervision is variable; some records show a list of tasks rather than reflection.",
        "Senior practitioners could not fulfil their management role because of their own casework.",
        "Management oversight was missing on two of the records looked at together.",
        "Supervision had been cancelled twice this quarter because of court work.",
    ),
    "workforce-and-caseloads": (
        "Caseloads remain a challenge; several workers described working evenings to keep up with recording.",
        "Agency cover and vacancies mean children have had several changes of worker this year.",
        "Workers said the pressure of court work leaves little time for direct work.",
        "Two posts have been vacant since the spring and their cases are shared across the team.",
    ),
    "voice-of-the-child": (
        "Parent-focused practice at times, rather than the child's voice and their issues.",
        "The office is not welcoming for children, who are not encouraged to come in.",
        "Workers would like training in tools for direct work with younger children.",
        "The meeting did not ask what the child thought about the plan, or who would tell them.",
    ),
    "visits-and-direct-work": (
        "Visits were made within timescales but the child was not always seen alone.",
        "Good interaction on visits was not always recorded in the notes.",
        "Direct work is planned but often put off when a crisis comes in.",
    ),
    "recording": (
        "Recording is inconsistent: some case notes are weeks behind.",
        "Assessments did not always record the child's own words.",
        "The chronology had not been updated since the case was transferred.",
    ),
    "parent-and-carer-experience": (
        "Parents are not really included in the plans in this service.",
        "A report was given to the parent on the day of the meeting.",
        "The language used in one meeting was quite negative about the family.",
        "There has been a habit of dealing only with the teenager, leaving parents out because of the child's age.",
    ),
    "planning-smart": (
        "Plans lack timescales; families could not say what would happen next.",
        "Parenting assessments are not consistently completed before decisions are made.",
        "The plan lists services rather than what should change for the child.",
    ),
    "multi-agency-working": (
        "Partners were predictable and few; schools were not at the meeting observed.",
        "Information from health arrived after the strategy discussion.",
        "Mental health workers are hard to reach in the more remote areas.",
    ),
}

# The mismatched team: its visits KPI is high while its visits are superficial (journeys/story.py).
THIN_VISITS = (
    "Visits are on time on paper, but the notes are thin: little sense of what the child said or did.",
    "The visit happened within timescale, but it was short and the child was not spoken to on their own.",
    "Visit records say \"child seen, all well\" with no purpose or analysis.",
)

GOOD_PRACTICE = {
    "visits-and-direct-work": (
        "\"Grab and go\" packs so workers arrive at a family's home prepared, with direct work materials.",
        "Social work support assistants go with a teenager to appointments until they feel confident alone.",
    ),
    "parent-and-carer-experience": (
        "A survey of fathers about how they want to be involved, without imposing stereotyped roles.",
        "A support group for the children of carers who look after other children, recognising their part.",
        "A group for adopters waiting to be matched, which has met three times this year.",
    ),
    "multi-agency-working": (
        "Youth workers attend the early help hub, so help reaches children where it is most needed.",
        "The sixth form college attends team around the family meetings and supports the parent too.",
    ),
    "workforce-and-caseloads": (
        "Agile working: shared diaries and forward planning cut travel time between visits.",
    ),
    "planning-smart": (
        "An early permanence approach identifies children who may need a permanent home as soon as possible.",
    ),
    "voice-of-the-child": (
        "Evidence-based tools let children set priorities and say what they need at their own pace.",
        "Older children are asked to help write the letter that explains their plan to them.",
    ),
}

EXEMPLARS = (
    ("voice-of-the-child",
     "Direct work with the child used colours for feelings; what the child wrote changed the safety plan."),
    ("multi-agency-working",
     "A teenager in a rural village, living in poverty, was picked up through the youth justice service; the "
     "worker brought housing, benefits and school together and attendance has improved."),
    ("visits-and-direct-work",
     "Drawing with the child led to a clear disclosure, handled calmly and quickly with the police."),
    ("planning-smart",
     "A sibling assessment set out each child's needs and helped the court decide they should live together."),
)

QUOTES = {
    "staff": (
        ("leadership", True, "\"This is what we always do... it's our job.\""),
        ("management-oversight-and-supervision", True, "\"My manager always makes time, even on the worst days.\""),
        ("management-oversight-and-supervision", False, "\"I haven't had supervision for two months.\""),
        ("workforce-and-caseloads", False, "\"I write up my visits at night; there is no other time.\""),
    ),
    "child": (
        ("voice-of-the-child", True, "\"She listens to me and then does what she said she would.\""),
        ("workforce-and-caseloads", False, "\"I don't know why they keep changing my social worker.\""),
    ),
    "parent_carer": (
        ("parent-and-carer-experience", True, "\"For the first time someone explained what they were worried about.\""),
        ("parent-and-carer-experience", False, "\"I got the report in the meeting and couldn't read it.\""),
    ),
}
