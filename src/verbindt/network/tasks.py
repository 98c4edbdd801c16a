"""Background tasks of the registry, run by ``verbindt db_worker``."""

from django_tasks import task

from verbindt.core.models import ImportJob
from verbindt.network.imports import import_job_run


@task()
def run_import_job(job_id: int) -> None:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:  # deleted before a worker got to it
        import_job_run(job=job)
