"""Staff pages for complaints, compliments and comments."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from apps.contacts.models import Contact
from apps.core.exports import csv_response
from apps.core.govuk import render_component, summary_rows
from apps.core.views import Column, HistoryView, StaffListView
from apps.portal.models import Feedback

from . import complaint_forms as forms
from . import complaint_reports, complaint_selectors, complaint_services
from .complaints_models import Complaint, ComplaintStatus, LearningAction, Outcome
from .services import works_for_department


def _long(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _flag_tag(flag: str) -> str:
    if flag == "overdue":
        return render_component("tag", {"text": _("Overdue"), "classes": "govuk-tag--red"})
    if flag == "due_soon":
        return render_component("tag", {"text": _("Due soon"), "classes": "govuk-tag--yellow"})
    return ""


def _stage_text(c: Complaint) -> str:
    return c.get_stage_display() if c.stage else ""


class ComplaintListView(StaffListView):
    """Complaints, compliments and comments, with deadline flags."""

    permission_required = "cases.view_complaint"
    template_name = "complaints/list.html"
    filter_form_class = forms.ComplaintFilterForm
    csv_filename = "complaints.csv"
    caption = gettext_lazy("Complaints, compliments and comments")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = timezone.localdate()
        today = self.today

        def due_text(c):
            flag = complaint_selectors.complaint_flag(c, today)
            label = {"overdue": _("Overdue"), "due_soon": _("Due soon")}.get(flag, "")
            return " ".join(
                p for p in (_long(c.response_due) if c.status == "open" else "", label) if p
            )

        def due_html(c):
            due = _long(c.response_due) if c.status == ComplaintStatus.OPEN else ""
            return format_html(
                "{} {}", due, _flag_tag(complaint_selectors.complaint_flag(c, today))
            )

        self.columns = [
            Column(
                gettext_lazy("Reference"),
                lambda c: c.reference,
                html=lambda c: format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("complaints:detail", args=[c.reference]),
                    c.reference,
                ),
            ),
            Column(gettext_lazy("Kind"), lambda c: c.get_kind_display()),
            Column(gettext_lazy("Received"), lambda c: _long(c.received_on)),
            Column(gettext_lazy("Service"), lambda c: c.service.name if c.service else ""),
            Column(gettext_lazy("Stage"), _stage_text),
            Column(gettext_lazy("Status"), lambda c: c.get_status_display()),
            Column(gettext_lazy("Response due"), due_text, html=due_html),
        ]

    def select(self, **filters):
        return complaint_selectors.complaint_list(
            user=self.request.user, today=self.today, **filters
        )


def _may_record_from(request):
    """The contact or portal feedback a new record starts from, if the link named one."""
    contact = feedback = None
    if request.GET.get("contact") or request.POST.get("from_contact"):
        raw = request.GET.get("contact") or request.POST.get("from_contact")
        if not str(raw).isdigit():
            raise Http404
        contact = get_object_or_404(Contact.objects.select_related("customer"), pk=int(raw))
    raw = request.GET.get("feedback") or request.POST.get("from_feedback")
    if raw:
        feedback = get_object_or_404(Feedback.objects.select_related("service"), reference=raw)
        if Complaint.objects.filter(feedback=feedback).exists():
            raise Http404
    return contact, feedback


class ComplaintRecordView(PermissionRequiredMixin, FormView):
    """Record a complaint, compliment or comment: from a contact, portal feedback or by hand."""

    permission_required = "cases.add_complaint"
    template_name = "complaints/record.html"
    form_class = forms.ComplaintRecordForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not self.has_permission():
            return self.handle_no_permission()
        self.contact, self.feedback = _may_record_from(request)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = {"received_on": timezone.localdate()}
        if self.contact is not None:
            initial.update(
                channel="contact",
                received_on=timezone.localdate(self.contact.started_at),
                service=self.contact.services.order_by("name").first(),
                summary=self.contact.reason,
            )
        if self.feedback is not None:
            initial.update(
                kind=self.feedback.kind,
                channel="portal",
                received_on=timezone.localdate(self.feedback.created_at),
                service=self.feedback.service,
                summary=self.feedback.message,
            )
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact"] = self.contact
        context["feedback"] = self.feedback
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            complaint = complaint_services.complaint_record(
                recorded_by=self.request.user,
                customer=self.contact.customer if self.contact else None,
                contact=self.contact,
                feedback=self.feedback,
                **data,
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(kind)s recorded: %(ref)s")
            % {"kind": complaint.get_kind_display(), "ref": complaint.reference},
        )
        if self.request.user.has_perm("cases.view_complaint"):
            return redirect("complaints:detail", reference=complaint.reference)
        if self.contact is not None:
            return redirect("contacts:detail", self.contact.pk)
        return redirect("complaints:record")


def _add_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# Each action on the detail page: its form, the permission it needs, and the service call.
ACTIONS = {
    "acknowledge": (forms.AcknowledgeForm, "cases.respond_complaint"),
    "respond": (forms.RespondForm, "cases.respond_complaint"),
    "escalate": (forms.EscalateForm, "cases.change_complaint"),
    "close": (forms.CloseForm, "cases.change_complaint"),
    "ombudsman": (forms.OmbudsmanReferralForm, "cases.change_complaint"),
    "ombudsman-decision": (forms.OmbudsmanDecisionForm, "cases.change_complaint"),
    "remedy": (forms.RemedyForm, "cases.respond_complaint"),
    "learning": (forms.LearningActionForm, "cases.respond_complaint"),
    "learning-close": (forms.LearningActionCloseForm, "cases.respond_complaint"),
}


def _available(c: Complaint) -> set[str]:
    """Which actions the procedure allows next for this record."""
    if not c.is_complaint:
        return set()
    allowed = {"remedy", "learning", "learning-close"}
    if c.status == ComplaintStatus.OPEN:
        allowed |= {"respond"} | ({"acknowledge"} if c.acknowledged_on is None else set())
    if c.status == ComplaintStatus.RESPONDED:
        allowed.add("close")
    if c.stage == 1 and c.stage_1_responded_on is not None:
        allowed.add("escalate")
    if c.stage == 2 and c.stage_2_responded_on is not None:
        allowed.add("ombudsman" if c.ombudsman_referred_on is None else "ombudsman-decision")
    if c.ombudsman_decision:
        allowed.discard("ombudsman-decision")
    return allowed


class ComplaintDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "cases.view_complaint"
    template_name = "complaints/detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.complaint = complaint_selectors.complaint_detail(
            user=request.user, reference=kwargs["reference"]
        )
        if self.complaint is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def action_forms(self, bound=None) -> dict:
        c = self.complaint
        user = self.request.user
        today = timezone.localdate()
        found = {}
        for name in _available(c):
            form_class, perm = ACTIONS[name]
            if not user.has_perm(perm):
                continue
            # Keyed with underscores so the template can reach "learning-close" and the like.
            key = name.replace("-", "_")
            if bound and name in bound:
                found[key] = bound[name]
                continue
            initial = {"version": c.version, "on": today}
            found[key] = form_class(initial=initial, prefix=key)
        return found

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.complaint
        today = timezone.localdate()
        rows = [
            (_("Kind"), c.get_kind_display()),
            (_("Received"), f"{_long(c.received_on)} ({c.get_channel_display()})"),
            (_("Customer"), c.customer.display_name if c.customer else _("Not known")),
            (_("Service"), c.service.name if c.service else _("Not about one service")),
            (_("Department"), c.department.name if c.department else ""),
            (_("Member of staff named"), c.staff_named or _("Nobody named")),
            (_("Summary"), c.summary),
            (_("Themes"), ", ".join(c.theme_labels())),
        ]
        if c.feedback_id:
            rows.append((_("Portal feedback"), c.feedback.reference))
        if c.is_complaint:
            rows += [(_("Stage"), c.get_stage_display()), (_("Status"), c.get_status_display())]
            if c.outcome:
                rows.append((_("Outcome"), c.get_outcome_display()))
        context["complaint"] = c
        context["flag_tag"] = _flag_tag(complaint_selectors.complaint_flag(c, today))
        context["summary_rows"] = summary_rows(rows)
        context["stages"] = self.stage_rows(c)
        context["ombudsman_rows"] = (
            summary_rows(
                [
                    (_("Referred"), _long(c.ombudsman_referred_on)),
                    (_("Ombudsman reference"), c.ombudsman_reference),
                    (_("Decision"), c.get_ombudsman_decision_display() or _("Not yet")),
                    (_("Decided"), _long(c.ombudsman_decided_on)),
                ]
            )
            if c.ombudsman_referred_on
            else None
        )
        context["remedies"] = list(c.remedies.all())
        context["learning_actions"] = list(c.learning_actions.all())
        context["may_act"] = self.may_act()
        forms_ = self.action_forms(bound) if context["may_act"] else {}
        context["action_forms"] = forms_
        context["bound_forms"] = list((bound or {}).values())
        return context

    def may_act(self) -> bool:
        return works_for_department(self.request.user, self.complaint.department_id)

    @staticmethod
    def stage_rows(c: Complaint) -> list[dict]:
        stages = []
        for n in (1, 2):
            if not c.stage or n > c.stage:
                continue
            started = c.received_on if n == 1 else c.escalated_on
            stages.append(
                {
                    "title": _("Stage %(n)s") % {"n": n},
                    "rows": summary_rows(
                        [
                            (_("Clock started"), _long(started)),
                            (_("Acknowledge by"), _long(c.stage_value("acknowledge_due", n))),
                            (
                                _("Acknowledged"),
                                _long(c.stage_value("acknowledged_on", n)) or _("Not yet"),
                            ),
                            (_("Respond by"), _long(c.stage_value("due", n))),
                            (
                                _("Responded"),
                                _long(c.stage_value("responded_on", n)) or _("Not yet"),
                            ),
                            (
                                _("Outcome"),
                                Outcome(c.stage_value("outcome", n)).label
                                if c.stage_value("outcome", n)
                                else "",
                            ),
                            (_("Response"), c.stage_value("response", n)),
                        ]
                        + ([(_("Why escalated"), c.escalation_reason)] if n == 2 else [])
                    ),
                }
            )
        return stages


class ComplaintActionView(ComplaintDetailView):
    """A form posted from the detail page: back to the page on success, errors shown on it."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        name = kwargs["action"]
        if name not in ACTIONS:
            raise Http404
        form_class, perm = ACTIONS[name]
        if not request.user.has_perm(perm) or not self.may_act():
            raise PermissionDenied
        form = form_class(request.POST, prefix=name.replace("-", "_"))
        if form.is_valid():
            try:
                message = self.act(name, form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("complaints:detail", reference=self.complaint.reference)
        context = self.get_context_data(bound={name: form})
        return self.render_to_response(context)

    def act(self, name: str, data: dict) -> str:
        c, user = self.complaint, self.request.user
        s = complaint_services
        version = data.get("version")
        if name == "acknowledge":
            s.complaint_acknowledge(complaint=c, by=user, on=data["on"], expected_version=version)
            return _("Acknowledgement recorded")
        if name == "respond":
            s.complaint_respond(
                complaint=c,
                by=user,
                on=data["on"],
                outcome=data["outcome"],
                response=data["response"],
                expected_version=version,
            )
            return _("Response recorded")
        if name == "escalate":
            c = s.complaint_escalate(
                complaint=c, by=user, on=data["on"], reason=data["reason"], expected_version=version
            )
            return _("Moved to stage 2: respond by %(date)s") % {"date": _long(c.stage_2_due)}
        if name == "close":
            s.complaint_close(complaint=c, by=user, on=data["on"], expected_version=version)
            return _("Complaint closed")
        if name == "ombudsman":
            s.complaint_refer_to_ombudsman(
                complaint=c,
                by=user,
                on=data["on"],
                ombudsman_reference=data["ombudsman_reference"],
                expected_version=version,
            )
            return _("Referral to the Ombudsman recorded")
        if name == "ombudsman-decision":
            s.complaint_record_ombudsman_decision(
                complaint=c,
                by=user,
                decision=data["decision"],
                on=data["on"],
                expected_version=version,
            )
            return _("Ombudsman decision recorded")
        if name == "remedy":
            s.remedy_add(
                complaint=c,
                by=user,
                kind=data["kind"],
                amount=data["amount"],
                details=data["details"],
            )
            return _("Remedy recorded")
        if name == "learning":
            s.learning_action_add(
                complaint=c, by=user, text=data["text"], owner=data["owner"], due_on=data["due_on"]
            )
            return _("Learning action added")
        action = get_object_or_404(LearningAction, pk=data["action"], complaint=c)
        s.learning_action_close(action=action, by=user, on=timezone.localdate())
        return _("Learning action closed")


class ComplaintHistoryView(HistoryView):
    permission_required = "cases.view_complaint_history"

    def get_object(self):
        c = complaint_selectors.complaint_detail(
            user=self.request.user, reference=self.kwargs["reference"]
        )
        if c is None:
            raise Http404
        return c

    def get_back_url(self, complaint):
        return reverse("complaints:detail", args=[complaint.reference])


class ComplaintReportView(PermissionRequiredMixin, TemplateView):
    """Volumes, timeliness, outcomes, themes and learning actions, filtered; CSV of the same."""

    permission_required = "cases.view_complaint_report"
    template_name = "complaints/report.html"

    def get(self, request, *args, **kwargs):
        form = forms.ReportFilterForm(request.GET or None)
        today = timezone.localdate()
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        date_to = filters.get("date_to") or today
        date_from = filters.get("date_from") or date_to - datetime.timedelta(days=364)
        report = complaint_selectors.complaint_report(
            date_from=date_from,
            date_to=date_to,
            service=filters.get("service"),
            channel=filters.get("channel") or "",
            today=today,
        )
        tables = complaint_reports.report_tables(report)
        if request.GET.get("format") == "csv":
            rows = [[t.caption, *row] for t in tables for row in t.rows]
            return csv_response(
                filename="complaints-report.csv",
                header=[_("Table"), _("Measure or group"), _("Values")],
                rows=rows,
                row=lambda r: [str(v) if v is not None else "" for v in r],
            )
        context = self.get_context_data(**kwargs)
        query = request.GET.copy()
        query.pop("format", None)
        context.update(
            filter_form=form,
            report=report,
            period=_("%(start)s to %(end)s") % {"start": _long(date_from), "end": _long(date_to)},
            tables=[complaint_reports.govuk_table(t) for t in tables],
            charts=complaint_reports.report_charts(report),
            query_string=query.urlencode(),
        )
        return self.render_to_response(context)


def contact_panel(*, request, obj) -> str:
    """On a contact's page: a link to record a complaint or compliment from it."""
    from django.template.loader import render_to_string

    if not request.user.has_perm("cases.add_complaint"):
        return ""
    return render_to_string(
        "complaints/_contact_panel.html",
        {"url": reverse("complaints:record") + f"?contact={obj.pk}"},
        request=request,
    )
