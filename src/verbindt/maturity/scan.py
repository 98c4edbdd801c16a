"""The self-scan: about fifteen questions a school answers about its own collaboration.

The codes of the answers are what ``rules.scan_level`` reads; the texts are for people.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from verbindt.collaborations.models import Bottleneck, Form

ALIGNMENT = [
    ("not_started", _("not started")),
    ("in_progress", _("in progress")),
    ("aligned", _("aligned")),
]


@dataclass(frozen=True)
class Question:
    code: str
    text: Promise
    kind: str  # single | multiple | number | text
    choices: tuple = ()
    help: Promise | str = ""


QUESTIONS = (
    Question(
        "forms",
        _("Which forms of collaboration does your school use this school year?"),
        "multiple",
        tuple(Form.choices),
    ),
    Question(
        "partners",
        _("With whom do you work together?"),
        "multiple",
        (
            ("vmbo", _("other vmbo schools")),
            ("mbo", _("an mbo college")),
            ("work_field", _("care or welfare institutions")),
        ),
    ),
    Question(
        "origin",
        _("How did your collaborations come about?"),
        "single",
        (
            ("chance", _("mostly by chance (someone knew someone)")),
            ("mixed", _("some by chance, some from a plan")),
            ("plan", _("from a plan of the school")),
        ),
    ),
    Question(
        "plan",
        _(
            "Is there a year plan with agreements for the whole school year with at "
            "least one partner?"
        ),
        "single",
        (
            ("no", _("no")),
            ("draft", _("being written")),
            ("agreed", _("yes, agreed by all partners")),
        ),
    ),
    Question(
        "frequency",
        _("How often do students take part in activities with partners?"),
        "single",
        (
            ("once", _("once or a few times a year")),
            ("spread", _("regularly, spread over the school year")),
            ("weekly", _("weekly or more often")),
        ),
    ),
    Question(
        "mbo",
        _("Is an mbo college involved in your education?"),
        "single",
        (
            ("no", _("no")),
            ("sometimes", _("sometimes (e.g. shadowing days)")),
            ("structural", _("structurally, in a plan")),
        ),
    ),
    Question(
        "align_content",
        _("Have you aligned the content of your education with the mbo?"),
        "single",
        tuple(ALIGNMENT),
    ),
    Question(
        "align_pedagogy",
        _("Have you aligned your pedagogy with the mbo?"),
        "single",
        tuple(ALIGNMENT),
    ),
    Question(
        "align_didactics",
        _("Have you aligned your didactics with the mbo?"),
        "single",
        tuple(ALIGNMENT),
    ),
    Question(
        "joint_teaching",
        _("Do you teach (part of) lessons together with the mbo or the work field?"),
        "single",
        (
            ("no", _("no")),
            ("sometimes", _("sometimes")),
            ("structural", _("structurally")),
        ),
    ),
    Question(
        "consultation",
        _("Do you take part in a regional consultation with mbo and work field?"),
        "single",
        (
            ("no", _("no")),
            ("yearly", _("once or twice a year")),
            ("often", _("several times a year")),
        ),
    ),
    Question(
        "facilitated",
        _("Are teachers given hours for collaboration and supervision?"),
        "single",
        (
            ("no", _("no")),
            ("partly", _("partly")),
            ("yes", _("yes")),
        ),
    ),
    Question(
        "facilitated_hours",
        _("How many hours a year are facilitated for this, roughly?"),
        "number",
        help=_("All teachers together; leave empty if you do not know."),
    ),
    Question(
        "bottlenecks",
        _("What holds your collaboration back?"),
        "multiple",
        tuple(Bottleneck.choices),
    ),
    Question(
        "evaluation",
        _("Do you evaluate the collaboration with partners and students?"),
        "single",
        (
            ("no", _("no")),
            ("sometimes", _("sometimes")),
            ("yearly", _("every school year")),
        ),
    ),
    Question("wish", _("What would help your school take the next step?"), "text"),
)


def answered(answers: dict) -> list[tuple[Question, str]]:
    """The questions with the answer in words, for reading back."""
    rows = []
    for q in QUESTIONS:
        value = answers.get(q.code)
        labels = dict(q.choices)
        if value in (None, "", []):
            text = "—"
        elif q.kind == "multiple":
            text = ", ".join(str(labels.get(v, v)) for v in value)
        elif q.kind == "single":
            text = str(labels.get(value, value))
        else:
            text = str(value)
        rows.append((q, text))
    return rows
