"""The staff API of service requests: read-only, for holders of cases.view_servicerequest.

The customer appears only as their reference: no names, contact details or notes.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from apps.core.api import StaffReadOnlyViewSet

from .models import ServiceRequest, Status


class ServiceRequestSerializer(serializers.ModelSerializer):
    service = serializers.CharField(source="service.slug", read_only=True)
    service_name = serializers.CharField(source="service.name", read_only=True)
    department = serializers.CharField(source="department.name", read_only=True)
    customer_reference = serializers.CharField(
        source="customer.reference", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "reference",
            "service",
            "service_name",
            "department",
            "status",
            "public_status_text",
            "source",
            "description",
            "address",
            "uprn",
            "postcode",
            "latitude",
            "longitude",
            "attributes",
            "customer_reference",
            "sla_due",
            "breached_at",
            "created_at",
            "updated_at",
            "resolved_at",
            "closed_at",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=Status.values, description="Status"),
            OpenApiParameter("department", int, description="Department id"),
        ]
    )
)
class ServiceRequestViewSet(StaffReadOnlyViewSet):
    """Service requests, newest first, filtered by status and department."""

    queryset = ServiceRequest.objects.select_related("service", "department", "customer").order_by(
        "-created_at", "-pk"
    )
    serializer_class = ServiceRequestSerializer
    lookup_field = "reference"
    lookup_value_regex = "[-A-Za-z0-9]+"

    def get_queryset(self):
        requests = super().get_queryset()
        if self.action != "list":
            return requests
        status = self.request.query_params.get("status", "")
        department = self.request.query_params.get("department", "")
        if status:
            if status not in Status.values:
                raise ValidationError({"status": [f"Choose one of {', '.join(Status.values)}"]})
            requests = requests.filter(status=status)
        if department:
            if not department.isdigit() or len(department) > 18:
                raise ValidationError({"department": ["Give the department's id"]})
            requests = requests.filter(department_id=int(department))
        return requests

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = ValidationError(exc.messages)
        return super().handle_exception(exc)
