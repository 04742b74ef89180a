"""The office's records, one module per aggregate."""
from crm.models.api_token import ApiToken, TokenScope
from crm.models.agreement import Agreement, AgreementKind, AgreementStatus, agreement_parties
from crm.models.audit import AuditAction, Audited, AuditEntry, SoftDeletable
from crm.models.base import utcnow
from crm.models.company import (
    Company,
    CompanyKind,
    CompanySize,
    ContactSource,
    PipelineStatus,
    Sector,
    Tag,
    company_sectors,
    company_tags,
)
from crm.models.delegation import (
    Delegation,
    DelegationMember,
    DelegationStatus,
    Direction,
    Visit,
    VisitKind,
    delegation_member_people,
    visit_members,
)
from crm.models.event import (
    Event,
    EventKind,
    Meeting,
    MeetingDay,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Priority,
    RequestStatus,
    Side,
    participant_people,
)
from crm.models.followup import FollowUp
from crm.models.inquiry import Inquiry, InquiryStatus
from crm.models.interaction import Channel, Interaction, interaction_people
from crm.models.office import Office
from crm.models.person import Affiliation, Person
from crm.models.user import Role, User

__all__ = [
    "ApiToken",
    "TokenScope",
    "AuditAction",
    "AuditEntry",
    "Audited",
    "SoftDeletable",
    "Inquiry",
    "InquiryStatus",
    "Agreement",
    "AgreementKind",
    "AgreementStatus",
    "agreement_parties",
    "Delegation",
    "DelegationMember",
    "DelegationStatus",
    "Direction",
    "Visit",
    "VisitKind",
    "delegation_member_people",
    "visit_members",
    "Event",
    "EventKind",
    "Meeting",
    "MeetingDay",
    "MeetingOutcome",
    "MeetingRequest",
    "Participant",
    "Priority",
    "RequestStatus",
    "Side",
    "participant_people",
    "Affiliation",
    "Channel",
    "Company",
    "CompanyKind",
    "CompanySize",
    "ContactSource",
    "FollowUp",
    "Interaction",
    "Office",
    "Person",
    "PipelineStatus",
    "Role",
    "Sector",
    "Tag",
    "User",
    "company_sectors",
    "company_tags",
    "interaction_people",
    "utcnow",
]
