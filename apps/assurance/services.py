"""Every write to accreditations, their evidence and the committee reports."""

import datetime
import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.notifications import notify
from apps.core.reporting import MEETINGS, sections

from .models import (
    Accreditation,
    Action,
    AssessmentVisit,
    AssessorGrant,
    CommitteeReport,
    ElementAssessment,
    Evidence,
    Framework,
    IssuedReport,
    Requirement,
)

logger = logging.getLogger(__name__)

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# What an evidence document may be, by its first bytes (not by its name or declared type).
DOCUMENT_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "Office document",
}


# Frameworks -------------------------------------------------------------------------------


class FrameworkFileError(ValidationError):
    """A framework file that cannot be loaded; `messages` name where each problem is."""


def _walk(items, where: str, errors: list[str], out: list[dict], level: int, parent: str | None):
    if not isinstance(items, list) or not items:
        errors.append(_("%(where)s: must be a list with at least one entry") % {"where": where})
        return
    for index, item in enumerate(items):
        at = f"{where}[{index}]"
        if not isinstance(item, dict):
            errors.append(_("%(where)s: must be an object") % {"where": at})
            continue
        code, title = item.get("code"), item.get("title")
        if not isinstance(code, str) or not code.strip() or len(code) > 20:
            errors.append(_("%(where)s.code: give a code of up to 20 characters") % {"where": at})
        if not isinstance(title, str) or not title.strip() or len(title) > 300:
            errors.append(
                _("%(where)s.title: give a title of up to 300 characters") % {"where": at}
            )
        children = item.get("children")
        out.append(
            {
                "code": code,
                "title": title,
                "description": item.get("description", "") or "",
                "level": level,
                "parent": parent,
                "is_element": not children,
            }
        )
        if children:
            _walk(children, f"{at}.children", errors, out, level + 1, code)


def framework_parse(text: str) -> tuple[dict, list[dict]]:
    """Check a framework file and return its header and its requirements in order.

    Raises FrameworkFileError listing every problem with where it is (line and column for
    JSON that does not parse, the field's path otherwise).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FrameworkFileError(
            [
                _("Line %(line)s, column %(column)s: %(reason)s")
                % {"line": error.lineno, "column": error.colno, "reason": error.msg}
            ]
        ) from None
    errors: list[str] = []
    if not isinstance(data, dict):
        raise FrameworkFileError([_("The file must hold one JSON object")])
    for field, limit in (("code", 40), ("name", 200), ("version", 40)):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            errors.append(
                _("%(field)s: give text of up to %(limit)s characters")
                % {"field": field, "limit": limit}
            )
    requirements: list[dict] = []
    _walk(data.get("criteria"), "criteria", errors, requirements, 1, None)
    codes = [r["code"] for r in requirements]
    duplicates = sorted({c for c in codes if codes.count(c) > 1 and c})
    if duplicates:
        errors.append(_("Codes used more than once: %(codes)s") % {"codes": ", ".join(duplicates)})
    if errors:
        raise FrameworkFileError(errors)
    return data, requirements


@transaction.atomic
def framework_load(*, text: str) -> Framework:
    """Load (or reload) a framework from its JSON text: all of it or, on any error, nothing.

    Reloading keeps the requirements whose code is unchanged (so self-assessments and
    evidence stay attached), updates their wording and adds new ones.
    """
    data, requirements = framework_parse(text)
    framework, _created = Framework.objects.update_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "version": data["version"],
            "description": data.get("description", ""),
            "reference_title": data.get("reference_title", ""),
            "reference_url": data.get("reference_url", ""),
        },
    )
    framework.full_clean()
    by_code: dict[str, Requirement] = {}
    for position, item in enumerate(requirements, start=1):
        requirement, _created = Requirement.objects.update_or_create(
            framework=framework,
            code=item["code"],
            defaults={
                "title": item["title"],
                "description": item["description"],
                "level": item["level"],
                "position": position,
                "is_element": item["is_element"],
                "parent": by_code.get(item["parent"]),
            },
        )
        by_code[item["code"]] = requirement
    return framework


def frameworks_load_shipped() -> list[Framework]:
    """Load the frameworks that ship with firstpoint (CSE and the CCA Global Standard)."""
    return [
        framework_load(text=path.read_text(encoding="utf-8"))
        for path in sorted(FRAMEWORKS_DIR.glob("*.json"))
    ]


# Accreditations and the self-assessment ---------------------------------------------------


@transaction.atomic
def accreditation_create(*, framework: Framework, title: str, scope: str = "", **dates):
    accreditation = Accreditation(framework=framework, title=title, scope=scope, **dates)
    accreditation.full_clean()
    accreditation.save()
    return accreditation


@transaction.atomic
def element_assess(*, accreditation, requirement, rating, commentary="", gaps="", user):
    if requirement.framework_id != accreditation.framework_id or not requirement.is_element:
        raise ValidationError(_("Choose an element of this accreditation's framework"))
    assessment, _created = ElementAssessment.objects.get_or_create(
        accreditation=accreditation, requirement=requirement
    )
    assessment.rating = rating
    assessment.commentary = commentary
    assessment.gaps = gaps
    assessment.updated_by = user
    assessment.full_clean()
    assessment.save()
    return assessment


def evidence_path_clean(value: str) -> str:
    """The address of a page in firstpoint, from a path or a whole link copied from the browser."""
    parts = urlsplit(value.strip())
    path = parts.path or ""
    if not path.startswith("/"):
        raise ValidationError(
            _("Enter the address of a page in firstpoint, like /surveys/reviews/3/"), code="path"
        )
    try:
        resolve(path)
    except Resolver404:
        raise ValidationError(
            _("There is no page at %(path)s in firstpoint") % {"path": path}, code="path"
        ) from None
    return path + (f"?{parts.query}" if parts.query else "")


def evidence_document_check(upload) -> str:
    """Refuse a document that is too big or is not a PDF, image or Office file by its content."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The document must be smaller than 10 MB"), code="size")
    head = upload.read(8)
    upload.seek(0)
    for signature, kind in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise ValidationError(
        _("The document must be a PDF, a PNG or JPEG image, or a Word or Excel file"), code="type"
    )


@transaction.atomic
def evidence_add(
    *, accreditation, requirements, kind, title, user, path="", document=None, description=""
) -> Evidence:
    requirements = list(requirements)
    if not requirements:
        raise ValidationError({"requirements": _("Choose the elements this evidence supports")})
    if any(r.framework_id != accreditation.framework_id for r in requirements):
        raise ValidationError({"requirements": _("Choose elements of this framework")})
    evidence = Evidence(
        accreditation=accreditation, kind=kind, title=title, description=description, added_by=user
    )
    if kind == Evidence.Kind.RECORD:
        try:
            evidence.path = evidence_path_clean(path)
        except ValidationError as error:
            raise ValidationError({"path": error.messages}) from None
    elif kind == Evidence.Kind.DOCUMENT:
        if document is None:
            raise ValidationError({"document": _("Choose a document to upload")})
        try:
            evidence_document_check(document)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from None
        evidence.document = document
        evidence.document_name = Path(document.name).name[:200]
    elif not description.strip():
        raise ValidationError({"description": _("Write the statement")})
    evidence.full_clean()
    evidence.save()
    evidence.requirements.set(requirements)
    return evidence


@transaction.atomic
def action_create(*, accreditation, description, owner, due, requirement=None) -> Action:
    action = Action(
        accreditation=accreditation,
        requirement=requirement,
        description=description,
        owner=owner,
        due=due,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(*, action: Action, on: datetime.date | None = None) -> Action:
    action.status = Action.Status.DONE
    action.completed_on = on or timezone.localdate()
    action.save(update_fields=["status", "completed_on"])
    return action


@transaction.atomic
def visit_record(
    *,
    accreditation,
    kind,
    visit_date,
    assessing_body,
    outcome,
    notes="",
    user,
    certificate_awarded=None,
    certificate_expires=None,
) -> AssessmentVisit:
    """Record an assessment visit; an accrediting outcome updates the certificate dates."""
    visit = AssessmentVisit(
        accreditation=accreditation,
        kind=kind,
        visit_date=visit_date,
        assessing_body=assessing_body,
        outcome=outcome,
        notes=notes,
        recorded_by=user,
    )
    visit.full_clean()
    accrediting = outcome in (AssessmentVisit.Outcome.ACCREDITED, AssessmentVisit.Outcome.PARTIAL)
    if accrediting:
        if not certificate_expires:
            raise ValidationError({"certificate_expires": _("Enter when the certificate expires")})
        if certificate_awarded and certificate_expires <= certificate_awarded:
            raise ValidationError(
                {"certificate_expires": _("The expiry date must be after the award date")}
            )
    visit.save()
    if accrediting:
        accreditation.status = Accreditation.Status.ACCREDITED
        accreditation.certificate_awarded = certificate_awarded or visit_date
        accreditation.certificate_expires = certificate_expires
        accreditation.save()
    elif outcome == AssessmentVisit.Outcome.NOT_ACCREDITED:
        accreditation.status = Accreditation.Status.LAPSED
        accreditation.save()
    return visit


def accreditation_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell quality leads when a certificate's reaccreditation falls due; once per expiry date."""
    from apps.accounts.models import User
    from apps.accounts.roles import Role

    quality_leads = list(
        User.objects.filter(groups__name=Role(Role.QUALITY_LEAD).label, is_active=True)
    )
    today = today or timezone.localdate()
    sent = 0
    for accreditation in Accreditation.objects.filter(certificate_expires__isnull=False):
        expires = accreditation.certificate_expires
        if accreditation.reminded_for == expires:
            continue
        if (expires - today).days > accreditation.reminder_days:
            continue
        with transaction.atomic():
            for user in quality_leads:
                notify(
                    channel="email",
                    to=user.email,
                    purpose="accreditation_reminder",
                    subject=_("Reaccreditation due: %(title)s") % {"title": accreditation.title},
                    body=_(
                        "The certificate for %(title)s expires on %(date)s. Book the "
                        "reassessment and bring the self-assessment and evidence up to date."
                    )
                    % {"title": accreditation.title, "date": expires.strftime("%-d %B %Y")},
                )
            accreditation.reminded_for = expires
            accreditation.save(update_fields=["reminded_for"])
        sent += 1
    return sent


@transaction.atomic
def grant_create(*, accreditation, assessor, starts, ends, granted_by) -> AssessorGrant:
    from apps.accounts.roles import Role

    if not assessor.groups.filter(name=Role(Role.ASSESSOR).label).exists():
        raise ValidationError({"assessor": _("Choose someone who holds the assessor role")})
    grant = AssessorGrant(
        accreditation=accreditation,
        assessor=assessor,
        starts=starts,
        ends=ends,
        granted_by=granted_by,
    )
    if ends < starts:
        raise ValidationError({"ends": _("The end date must be on or after the start date")})
    grant.full_clean()
    grant.save()
    return grant


@transaction.atomic
def grant_revoke(*, grant: AssessorGrant) -> AssessorGrant:
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    return grant


# Committee reports ------------------------------------------------------------------------


@transaction.atomic
def report_create(
    *, meeting, title, period_start, period_end, section_keys=None, user
) -> CommitteeReport:
    if meeting not in MEETINGS:
        raise ValidationError({"meeting": _("Choose a meeting")})
    available = {s.key for s in sections(meeting)}
    keys = [k for k in (section_keys or available) if k in available]
    report = CommitteeReport(
        meeting=meeting,
        title=title,
        period_start=period_start,
        period_end=period_end,
        sections=sorted(keys, key=lambda k: [s.key for s in sections()].index(k)),
        created_by=user,
    )
    if period_end < period_start:
        raise ValidationError({"period_end": _("The end of the period must be after its start")})
    report.full_clean()
    report.save()
    return report


def report_build(report: CommitteeReport) -> dict:
    """Build the report's content from live data, as plain JSON-safe data."""
    built = []
    for section in sections(report.meeting):
        if section.key not in report.sections:
            continue
        try:
            content = section.build(report.period_start, report.period_end).as_json()
            # Plain JSON from here on: translated labels, decimals and dates become text,
            # so the issued copy can be stored and shown again unchanged.
            content = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
        except Exception:  # noqa: BLE001 - one area's fault must not stop members' report
            logger.exception("Report section %s failed", section.key)
            content = {
                "paragraphs": [_("This section could not be built; IT services have been told.")],
                "tables": [],
                "charts": [],
            }
        built.append({"key": section.key, "title": section.title, "content": content})
    return {
        "title": report.title,
        "meeting": MEETINGS[report.meeting],
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "sections": built,
    }


@transaction.atomic
def report_issue(*, report: CommitteeReport, user) -> IssuedReport:
    """Freeze the report as members will receive it: its content and its PDF, as a new version."""
    from apps.core.pdf import render_pdf

    from .presentation import issued_context

    locked = CommitteeReport.objects.select_for_update().get(pk=report.pk)
    version = (
        locked.issues.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    issued_at = timezone.now()
    content = report_build(locked)
    content["version"] = version
    content["issued_at"] = issued_at.isoformat()
    content["issued_by"] = str(user) if user else ""
    pdf = render_pdf("assurance/report_pdf.html", issued_context(content))
    return IssuedReport.objects.create(
        report=locked,
        version=version,
        issued_at=issued_at,
        issued_by=user,
        content=content,
        pdf=pdf,
    )
