"""Background tasks of the survey campaigns, run by ``verbindt db_worker``."""

from django_tasks import task

from verbindt.surveys.services import invitations_send, reminders_send


@task()
def send_invitations(campaign_id: int, site_url: str) -> None:
    invitations_send(campaign_id=campaign_id, site_url=site_url)


@task()
def send_reminders(campaign_id: int, site_url: str, recipient_ids: list[int]) -> None:
    reminders_send(campaign_id=campaign_id, site_url=site_url, recipient_ids=recipient_ids)
