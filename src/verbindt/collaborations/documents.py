"""A year plan as a printable PDF (WeasyPrint) and as a spreadsheet (XLSX)."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from verbindt.collaborations.selectors import PlanState
from verbindt.network.importers.files import safe_cell


def plan_pdf(state: PlanState) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    plan = state.plan
    html = render_to_string(
        "collaborations/plan_print.html",
        {
            "plan": plan,
            "state": state,
            "partners": plan.collaboration.partners.select_related("organisation"),
            "agreements": plan.agreements.select_related("contact"),
        },
    )
    return HTML(string=html).write_pdf()


def plan_xlsx(state: PlanState) -> bytes:
    plan = state.plan
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Plan")
    bold = Font(bold=True)
    rows: list[list[object]] = [
        [_("Collaboration"), plan.collaboration.title],
        [_("School year"), str(plan.school_year)],
        [_("Version"), plan.version],
        [_("Agreed by all partners"), _("yes") if state.agreed else _("no")],
        [_("Goals"), plan.goals],
        [],
        [_("Role"), _("Budget"), _("Spent")],
        [_("Teachers"), plan.budget_teacher_hours, state.spent["teacher"]],
        [_("Practice supervisors"), plan.budget_supervisor_hours, state.spent["supervisor"]],
        [_("Professionals"), plan.budget_professional_hours, state.spent["professional"]],
        [],
        [
            _("What"),
            _("Who"),
            _("When / how often"),
            _("Hours"),
            _("Evaluation moment"),
            _("Status"),
        ],
    ]
    rows += [
        [a.what, str(a.contact or ""), a.when, a.hours, a.evaluation_moment, a.get_status_display()]
        for a in plan.agreements.select_related("contact")
    ]
    for row in rows:
        # Text a person typed never runs as a formula in the spreadsheet.
        sheet.append([safe_cell(value) if isinstance(value, str) else value for value in row])
    for row in (7, 12):
        for cell in sheet[row]:
            cell.font = bold
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
