"""The staff API of the service catalogue: read-only, for holders of catalogue.view_service."""

from rest_framework import serializers

from apps.core.api import StaffReadOnlyViewSet

from .models import Service


class ServiceSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", read_only=True)
    channels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Service
        fields = [
            "slug",
            "name",
            "summary",
            "lgsl_code",
            "department",
            "channels",
            "online_url",
            "reportable",
            "sla_working_days",
            "referral_route",
            "is_active",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class ServiceViewSet(StaffReadOnlyViewSet):
    """The catalogue's services, offered and withdrawn, by name."""

    queryset = Service.objects.select_related("department").order_by("name", "pk")
    serializer_class = ServiceSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
