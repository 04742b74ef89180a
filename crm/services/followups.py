"""Planning and closing follow-ups."""
from datetime import date

from crm.models import Company, FollowUp, Interaction, Person, User


def plan_follow_up(
    company: Company,
    next_step: str,
    due_on: date,
    assignee: User,
    created_by: User,
    person: Person | None = None,
    interaction: Interaction | None = None,
) -> FollowUp:
    """A new open follow-up, filed under the assignee's office."""
    return FollowUp(
        company=company,
        next_step=next_step,
        due_on=due_on,
        assignee=assignee,
        office_id=assignee.office_id,
        created_by=created_by,
        person=person,
        interaction=interaction,
    )
