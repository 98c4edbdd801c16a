"""The built-in questionnaire: what the conversations at the national day asked."""

from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from verbindt.collaborations.models import Bottleneck, Form
from verbindt.maturity.models import MaturityLevel
from verbindt.surveys.models import QuestionKind, TemplateQuestion


@dataclass(frozen=True)
class TemplateItem:
    code: str
    kind: str
    text: str
    choices: list[dict[str, str]] = field(default_factory=list)
    required: bool = False
    breakdown: bool = False


def template_questions() -> list[TemplateItem]:
    """The questions in the active language (a campaign keeps the words it was made with)."""
    groups = [
        (
            MaturityLevel.INCIDENTAL,
            _("Incidental: internships and guest lessons, arisen by chance rather than a plan"),
        ),
        (
            MaturityLevel.STRUCTURAL,
            _("Structural: a plan with agreements for the whole school year"),
        ),
        (
            MaturityLevel.LEARNING_LINE,
            _("Continuous learning line: vmbo, mbo and work field align and teach together"),
        ),
    ]
    return [
        TemplateItem(
            code=TemplateQuestion.GROUP,
            kind=QuestionKind.SINGLE,
            text=_("Which group does your collaboration belong to?"),
            choices=[{"code": str(code), "label": label} for code, label in groups],
            required=True,
            breakdown=True,
        ),
        TemplateItem(
            code=TemplateQuestion.FORMS,
            kind=QuestionKind.MULTIPLE,
            text=_("Which forms of collaboration do you have this school year?"),
            choices=[{"code": str(f.value), "label": capfirst(str(f.label))} for f in Form],
        ),
        TemplateItem(
            code=TemplateQuestion.SATISFACTION,
            kind=QuestionKind.SCALE,
            text=_("How satisfied are you with your collaboration so far?"),
        ),
        TemplateItem(
            code=TemplateQuestion.WORKS,
            kind=QuestionKind.OPEN,
            text=_("What works well in your collaboration?"),
        ),
        TemplateItem(
            code=TemplateQuestion.BOTTLENECKS,
            kind=QuestionKind.MULTIPLE,
            text=_("What holds your collaboration back?"),
            choices=[{"code": str(b.value), "label": capfirst(str(b.label))} for b in Bottleneck],
        ),
        TemplateItem(
            code=TemplateQuestion.HELPS,
            kind=QuestionKind.OPEN,
            text=_("What would help you to work together more or better?"),
        ),
    ]
