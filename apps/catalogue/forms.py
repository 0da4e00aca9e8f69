from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Department

from .lgsl import lgsl_choices
from .models import ChangeType, Channel, ReferralRoute, Service


class ServiceForm(forms.ModelForm):
    """Validates a service; the view hands `service_fields()` to the catalogue services."""

    lgsl_code = forms.TypedChoiceField(
        label=_("LGSL code"),
        coerce=int,
        help_text=_("The Local Government Service List entry this service belongs to."),
        error_messages={"required": _("Select the LGSL code")},
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels it can be done on"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one channel")},
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Where residents can do it online. Needed when it can be done online."),
        error_messages={"invalid": _("Enter a web address, starting with https://")},
    )
    referral_route = forms.ChoiceField(
        label=_("Agreed referral route"),
        choices=ReferralRoute.choices,
        widget=forms.RadioSelect,
        help_text=_("What advisors do, as agreed with the client service."),
        error_messages={"required": _("Select the agreed referral route")},
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "summary",
            "lgsl_code",
            "department",
            "online_url",
            "reportable",
            "sla_working_days",
            "referral_route",
            "script",
            "is_active",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "sla_working_days": _("Leave empty if there is no SLA."),
            "script": _("What advisors say and check. You can use Markdown."),
        }
        error_messages = {
            "name": {
                "required": _("Enter the name of the service"),
                "unique": _("A service with this name already exists"),
            },
            "summary": {"required": _("Enter a summary for residents")},
            "department": {"required": _("Select the owning client department")},
            "sla_working_days": {
                "invalid": _("SLA must be a whole number of working days"),
                "min_value": _("SLA must be 0 working days or more"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lgsl_code"].choices = [("", _("Select a code"))] + lgsl_choices()
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["department"].empty_label = _("Select a department")
        self.fields["sla_working_days"].widget.attrs.update(
            {"inputmode": "numeric", "class": "govuk-input--width-3"}
        )
        self.fields["sla_working_days"].max_value = 365
        if self.instance.pk and not self.is_bound:
            self.initial["channels"] = self.instance.channels
        # Put the channels checkboxes before the online link they govern.
        order = ["name", "summary", "lgsl_code", "department", "channels", "online_url"]
        self.order_fields(order)

    def clean_sla_working_days(self):
        value = self.cleaned_data.get("sla_working_days")
        if value is not None and value > 365:
            raise forms.ValidationError(_("SLA must be 365 working days or fewer"))
        return value

    def clean(self):
        cleaned = super().clean()
        channels = cleaned.get("channels") or []
        for code, field in Service.CHANNEL_FIELDS.items():
            cleaned[field] = code in channels
        if Channel.ONLINE in channels and not cleaned.get("online_url"):
            self.add_error(
                "online_url", _("Enter the online link, or untick ‘Online’ in the channels")
            )
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        names = [*self.Meta.fields, *Service.CHANNEL_FIELDS.values()]
        return {name: data[name] for name in names if name in data}


class ServiceChangeForm(ServiceForm):
    """An edit: the service's fields, why it changed, and the version it started from."""

    change_type = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=ChangeType.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A new service or a legislation change can need coordinated training for "
            "Customer Services and the client service."
        ),
        error_messages={"required": _("Select what kind of change this is")},
    )
    change_summary = forms.CharField(
        label=_("What changed and why"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what changed and why")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["change_type"] = ChangeType.ROUTINE


class ServiceFilterForm(forms.Form):
    search = forms.CharField(
        label=_("Search"), required=False, help_text=_("Name, LGSL code or department")
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All departments"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any channel"))] + Channel.choices
    )
