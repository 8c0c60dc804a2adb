"""The practice app's records (design §1), one module per part; import them from here."""

from .events import Assessor, EventTeam, PracticeEvent
from .headings import EventHeading, HeadingMode, HeadingTemplate
from .library import LibraryItem
from .observations import Observation, ObservationEntry, ProgressCheck
from .reports import AnalysisReport, EntryPick, PlanItem, ReportHeading
from .visits import Visit

__all__ = [
    "AnalysisReport", "Assessor", "EntryPick", "EventHeading", "EventTeam", "HeadingMode", "HeadingTemplate",
    "LibraryItem", "Observation", "ObservationEntry", "PlanItem", "PracticeEvent", "ProgressCheck",
    "ReportHeading", "Visit",
]
