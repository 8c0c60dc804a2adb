"""The demo's workforce story in numbers and words (synth/workforce.py replays it; docs/design/workforce.md §8).

Staff answer the health check agreeing with a question with the chance below, less in the strained locality's
teams (most of all on workload), more in the strong team; supervision is better this year than last, after last
year's plan protected it. Last year's plan is the three rows seed 003 shows: workload, supervision, having a say."""

from triangulate.workforce.models import HealthTheme as T

RESPONSE_RATE = 0.7  # of the links handed out, the share answered
DONT_KNOW = 0.05
STRONGLY = 0.35  # of those agreeing, the share strongly; of those disagreeing, likewise
NEITHER = 0.4  # of those not agreeing, the share neither agreeing nor disagreeing
COMMENTING = 0.1

AGREEING = {T.WORKLOAD: 0.48, T.SAFEGUARDING: 0.78, T.COMMUNICATION: 0.6, T.HAVING_A_SAY: 0.52,
            T.SUPERVISION: 0.7, T.SUPPORT: 0.66}
LAST_YEAR = {T.SUPERVISION: -0.2, T.HAVING_A_SAY: -0.05}  # last year's shares, against this year's
STRAIN = {T.WORKLOAD: -0.35}  # × the team's share of the strain
STRAIN_OTHERS = -0.1
STRONG = 0.1

COMMENTS = (
    "Caseloads in our team have been too high since two colleagues left.",
    "Supervision is much more regular than it was, thank you.",
    "It would help to hear back when we have given our views.",
    "The ASYE academy made a real difference to my first year.",
    "Agency turnover means children keep changing worker.",
    "Managers are supportive but stretched.",
    "Hybrid working works well for me, but the office is too full on team days.",
    "I would like more time for reflective group supervision.",
    "The recording system takes too long; I spend evenings catching up.",
    "I feel proud of the work our team does with families.",
    "Please keep the practice weeks: seeing leaders in teams matters.",
    "Court work has grown and there is no time to prepare for hearings.",
)

# last year's "you said / we will / we expect you" (seed 003's three columns), with the account that owns the action
# and whether it is done by now
PLAN = (
    (T.WORKLOAD, "Caseloads are too high in the locality teams and it is hard to find time for direct work.",
     "Recruit permanent social workers to the locality teams and review the workload weighting with teams.",
     "Tell your manager early when your loading goes into red.", "demo.director", False),
    (T.SUPERVISION, "Supervision is cancelled when the team is busy.",
     "Protect monthly supervision: managers book it six weeks ahead and the PSW checks it each quarter.",
     "Come to supervision ready with your children's next steps.", "demo.psw", True),
    (T.HAVING_A_SAY, "We do not hear back after we give our views.",
     "Publish a 'you said, we did' note after every staff forum.",
     "Come to the staff forum, or send your views through your team's representative.", "demo.psw", True),
)

TARGET = (24, 30)  # the council's average and maximum caseload (seed 003: 24)
STRAINED_TARGET = (20, 24)  # the strained team's own, while it recovers

OVERRIDE_POINTS = 6
OVERRIDE_REASON = "A sibling group in care proceedings with weekly contact to supervise: heavier than its points."
