"""The office's records, one module per aggregate."""
from crm.models.api_token import ApiToken, TokenScope
from crm.models.agreement import Agreement, AgreementKind, AgreementStatus, agreement_parties
from crm.models.audit import AuditAction, Audited, AuditEntry, SoftDeletable
from crm.models.base import utcnow
from crm.models.company import (
    AlternativeName,
    Company,
    CompanyKind,
    CompanySize,
    CompanyStatusChange,
    ContactSource,
    NameKind,
    PipelineStatus,
    RegistrationKind,
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
from crm.models.import_batch import ImportBatch
from crm.models.inquiry import Inquiry, InquiryStatus
from crm.models.interaction import Channel, Interaction, interaction_people
from crm.models.office import Office
from crm.models.person import Affiliation, Consent, Person
from crm.models.relation import CompanyRelation, RelationKind
from crm.models.saved_view import SavedView, Visibility, saved_view_pins
from crm.models.recent import RecentCompany
from crm.models.search import SearchEntry
from crm.models.user import Role, User
from crm.models.webhook import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "ApiToken",
    "TokenScope",
    "AuditAction",
    "AuditEntry",
    "Audited",
    "SoftDeletable",
    "ImportBatch",
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
    "AlternativeName",
    "Channel",
    "Company",
    "CompanyRelation",
    "CompanyKind",
    "CompanySize",
    "CompanyStatusChange",
    "Consent",
    "ContactSource",
    "FollowUp",
    "Interaction",
    "NameKind",
    "Office",
    "Person",
    "RegistrationKind",
    "RelationKind",
    "SavedView",
    "Visibility",
    "saved_view_pins",
    "PipelineStatus",
    "RecentCompany",
    "Role",
    "SearchEntry",
    "Sector",
    "Tag",
    "User",
    "DeliveryStatus",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "company_sectors",
    "company_tags",
    "interaction_people",
    "utcnow",
]
