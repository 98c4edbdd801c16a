from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "verbindt.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from verbindt.core import permissions  # noqa: F401  (registers every rule)
