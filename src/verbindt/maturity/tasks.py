"""Background tasks of the maturity levels, run by ``verbindt db_worker``."""

from django_tasks import task

from verbindt.maturity.services import levels_recompute_stale


@task()
def recompute_stale_levels() -> None:
    levels_recompute_stale()
