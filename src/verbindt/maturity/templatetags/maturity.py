from django import template

from verbindt.maturity.evidence import level_label as label_for

register = template.Library()


@register.filter
def level_label(code: str | None) -> str:
    return label_for(code)
