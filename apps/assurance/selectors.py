"""Reads of accreditations and committee reports shaped for pages, with access rules."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import (
    Accreditation,
    Action,
    AssessorGrant,
    CommitteeReport,
    ElementAssessment,
    Evidence,
    IssuedReport,
    Rating,
    Requirement,
)

MANAGE = "assurance.manage_accreditation"
VIEW_ALL = "assurance.view_every_accreditation"


def active_grants(user) -> QuerySet[AssessorGrant]:
    today = timezone.localdate()
    return AssessorGrant.objects.filter(
        assessor=user, revoked_at__isnull=True, starts__lte=today, ends__gte=today
    )


def accreditations_for(user) -> QuerySet[Accreditation]:
    """The accreditations this user may read: all for the service's own staff with the
    permission; for an assessor, only those with a grant in force today."""
    accreditations = Accreditation.objects.select_related("framework")
    if user.has_perm(MANAGE) or user.has_perm(VIEW_ALL):
        return accreditations
    if user.has_perm("assurance.view_accreditation"):
        return accreditations.filter(pk__in=active_grants(user).values("accreditation_id"))
    return accreditations.none()


def accreditation_for(user, pk: int) -> Accreditation:
    try:
        return accreditations_for(user).get(pk=pk)
    except Accreditation.DoesNotExist:
        if Accreditation.objects.filter(pk=pk).exists() and user.has_perm(
            "assurance.view_accreditation"
        ):
            raise PermissionDenied from None
        raise Http404 from None


def accreditation_tree(accreditation: Accreditation) -> list[dict]:
    """The framework's requirements in order, each element with its rating and evidence count.

    Three queries whatever the framework's size.
    """
    requirements = list(Requirement.objects.filter(framework_id=accreditation.framework_id))
    assessments = {
        a.requirement_id: a for a in ElementAssessment.objects.filter(accreditation=accreditation)
    }
    evidence_counts = Counter(
        Evidence.requirements.through.objects.filter(
            evidence__accreditation=accreditation
        ).values_list("requirement_id", flat=True)
    )
    rows = []
    for requirement in requirements:
        assessment = assessments.get(requirement.pk)
        rows.append(
            {
                "requirement": requirement,
                "rating": assessment.rating if assessment else Rating.NOT_ASSESSED,
                "rating_label": Rating(assessment.rating if assessment else "not_assessed").label,
                "evidence": evidence_counts.get(requirement.pk, 0),
            }
        )
    return rows


def rating_summary(tree: list[dict]) -> list[dict]:
    """How many elements of each top-level criterion have each rating."""
    summary: dict[str, dict] = {}
    top = None
    for row in tree:
        requirement = row["requirement"]
        if requirement.level == 1:
            top = summary.setdefault(
                requirement.code,
                {"criterion": requirement, "counts": Counter(), "elements": 0, "evidenced": 0},
            )
        if requirement.is_element and top is not None:
            top["counts"][row["rating"]] += 1
            top["elements"] += 1
            top["evidenced"] += 1 if row["evidence"] else 0
    return list(summary.values())


def element_detail(accreditation: Accreditation, code: str) -> dict:
    try:
        requirement = Requirement.objects.get(framework_id=accreditation.framework_id, code=code)
    except Requirement.DoesNotExist:
        raise Http404 from None
    assessment = (
        ElementAssessment.objects.filter(accreditation=accreditation, requirement=requirement)
        .select_related("updated_by")
        .first()
    )
    evidence = (
        Evidence.objects.filter(accreditation=accreditation, requirements=requirement)
        .select_related("added_by")
        .order_by("-added_at")
    )
    actions = Action.objects.filter(accreditation=accreditation, requirement=requirement)
    return {
        "requirement": requirement,
        "assessment": assessment,
        "evidence": list(evidence),
        "actions": list(actions.select_related("owner")),
    }


def evidence_list(
    accreditation: Accreditation, *, kind: str = "", search: str = ""
) -> QuerySet[Evidence]:
    evidence = Evidence.objects.filter(accreditation=accreditation)
    if kind:
        evidence = evidence.filter(kind=kind)
    if search:
        evidence = evidence.filter(title__icontains=search)
    return evidence.select_related("added_by").prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.order_by("position"))
    )


def action_list(*, accreditation: Accreditation, status: str = "") -> QuerySet[Action]:
    actions = Action.objects.filter(accreditation=accreditation).select_related(
        "owner", "requirement"
    )
    if status:
        actions = actions.filter(status=status)
    return actions


def report_list(*, user, meeting: str = "") -> QuerySet[CommitteeReport]:
    reports = CommitteeReport.objects.annotate(issued_versions=Count("issues"))
    if meeting:
        reports = reports.filter(meeting=meeting)
    if not user.has_perm("assurance.add_committeereport"):
        reports = reports.filter(issued_versions__gt=0)
    # Meta.ordering does not apply once a query is grouped (the Count); the list pages it.
    return reports.order_by("-period_end", "-pk")


def issued_versions(report: CommitteeReport) -> QuerySet[IssuedReport]:
    return report.issues.defer("pdf", "content").select_related("issued_by")


def overdue_actions_count(accreditation: Accreditation) -> int:
    return Action.objects.filter(
        Q(accreditation=accreditation, status=Action.Status.OPEN, due__lt=timezone.localdate())
    ).count()
