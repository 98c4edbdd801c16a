"""Background tasks of placement, run by ``verbindt db_worker``."""

from django_tasks import task

from verbindt.placement.services import round_run


@task()
def run_allocation_round(round_id: int) -> None:
    round_run(round_id=round_id)
