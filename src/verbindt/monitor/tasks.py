"""Background tasks of the monitor, run by ``verbindt db_worker``."""

from django_tasks import task

from verbindt.monitor.services import report_run


@task()
def make_report(report_id: int) -> None:
    report_run(report_id=report_id)  # a report deleted before a worker got to it is skipped
