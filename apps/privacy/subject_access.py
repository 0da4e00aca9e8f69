"""Everything firstpoint holds about one customer, gathered for a subject access request.

The front office's records are gathered here; an app holding more personal data adds a
provider on its AppConfig: `subject_access_data = ("apps.x.privacy.subject_data",)`, a
function `(customer) -> list[tuple[str, list[dict]]]` of (heading, records).
"""

from django.apps import apps
from django.utils.module_loading import import_string


def _value(value):
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def _rows(queryset, fields: list[str]) -> list[dict]:
    return [{f: _value(getattr(obj, f)) for f in fields} for obj in queryset]


def front_office(customer) -> list[tuple[str, list[dict]]]:
    from apps.cases.models import ServiceRequest, ServiceRequestUpdate
    from apps.contacts.models import Contact
    from apps.customers.models import Vulnerability, VulnerabilityAccessLog
    from apps.portal.models import Feedback

    sections = [
        (
            "Customer record",
            _rows(
                [customer],
                [
                    "reference",
                    "kind",
                    "first_name",
                    "last_name",
                    "business_name",
                    "date_of_birth",
                    "phone",
                    "phone_other",
                    "email",
                    "address",
                    "postcode",
                    "uprn",
                    "preferred_channel",
                    "language",
                    "accessibility_needs",
                    "accessibility_notes",
                    "created_at",
                    "updated_at",
                ],
            ),
        ),
        (
            "Vulnerability and support needs",
            _rows(
                Vulnerability.objects.filter(customer=customer),
                [
                    "categories",
                    "lawful_basis",
                    "consent_given_by",
                    "support_notes",
                    "review_date",
                    "recorded_at",
                    "ended_at",
                ],
            ),
        ),
        (
            "Who viewed the vulnerability information",
            _rows(
                VulnerabilityAccessLog.objects.filter(customer=customer).select_related(
                    "viewed_by"
                ),
                ["viewed_at", "viewed_by", "context"],
            ),
        ),
        (
            "Contacts",
            _rows(
                Contact.objects.filter(customer=customer).select_related("site"),
                [
                    "pk",
                    "started_at",
                    "channel",
                    "site",
                    "reason",
                    "outcome",
                    "signposted_to",
                    "notes",
                ],
            ),
        ),
        (
            "Service requests",
            _rows(
                ServiceRequest.objects.filter(customer=customer).select_related("service"),
                [
                    "reference",
                    "service",
                    "created_at",
                    "status",
                    "description",
                    "address",
                    "postcode",
                    "attributes",
                    "closed_at",
                ],
            ),
        ),
        (
            "Updates on service requests",
            _rows(
                ServiceRequestUpdate.objects.filter(request__customer=customer, is_public=True),
                ["created_at", "text"],
            ),
        ),
    ]
    if apps.is_installed("apps.cases"):
        from apps.cases.complaints_models import Complaint

        sections.append(
            (
                "Complaints, compliments and comments",
                _rows(
                    Complaint.objects.filter(customer=customer),
                    ["reference", "kind", "channel", "received_on", "summary", "stage", "status"],
                ),
            )
        )
    if apps.is_installed("apps.operations"):
        from apps.operations.models import SafetyWarning

        sections.append(
            (
                "Staff safety warnings",
                _rows(
                    SafetyWarning.objects.filter(customer=customer),
                    ["reason", "review_on", "expired_at", "created_at"],
                ),
            )
        )
    if customer.email:
        sections.append(
            (
                "Feedback sent through the website",
                _rows(
                    Feedback.objects.filter(email__iexact=customer.email),
                    ["reference", "kind", "created_at", "message", "name", "email", "phone"],
                ),
            )
        )
    return sections


def subject_data(customer) -> list[tuple[str, list[dict]]]:
    sections = front_office(customer)
    for config in apps.get_app_configs():
        for dotted in getattr(config, "subject_access_data", ()):
            sections.extend(import_string(dotted)(customer))
    return sections
