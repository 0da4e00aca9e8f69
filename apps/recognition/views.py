"""Award, suggestion scheme and staff feedback pages."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from apps.core.forms import add_errors
from apps.core.views import Column, StaffListView

from . import selectors, services
from .forms import (
    DecisionForm,
    NominationForm,
    PulseAnswerForm,
    PulseSurveyForm,
    ShortlistForm,
    SuggestionFilterForm,
    SuggestionForm,
    SuggestionResponseForm,
    YouSaidWeDidForm,
)
from .models import AwardMonth, Nomination, PulseSurvey, Suggestion, YouSaidWeDid


class HomeView(PermissionRequiredMixin, View):
    permission_required = "recognition.view_suggestion"

    def get(self, request):
        return render(
            request,
            "recognition/home.html",
            {"winners": selectors.winners()[:3], "you_said": YouSaidWeDid.objects.all()[:3]},
        )


class AwardView(PermissionRequiredMixin, View):
    """Nominate a colleague for this month's award; see past winners."""

    permission_required = "recognition.view_awardmonth"

    def _render(self, request, form):
        current = services.award_month_for()
        return render(
            request,
            "recognition/award.html",
            {
                "form": form,
                "current": current,
                "winners": selectors.winners(),
                "can_run": request.user.has_perm("recognition.run_award"),
            },
        )

    def get(self, request):
        return self._render(request, NominationForm())

    def post(self, request):
        if not request.user.has_perm("recognition.add_nomination"):
            raise PermissionDenied
        form = NominationForm(request.POST)
        if form.is_valid():
            source = (
                Nomination.Source.MANAGER
                if request.user.has_perm("recognition.run_award")
                else Nomination.Source.STAFF
            )
            try:
                services.nomination_create(
                    nominee=form.cleaned_data["nominee"],
                    reason=form.cleaned_data["reason"],
                    source=source,
                    nominated_by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Thank you: your nomination is in"))
                return redirect("recognition:award")
        return self._render(request, form)


class AwardRunView(PermissionRequiredMixin, View):
    """The panel's page for one month: shortlist the nominations, then decide."""

    permission_required = "recognition.run_award"

    def _month(self, year, month):
        return get_object_or_404(AwardMonth, month__year=year, month__month=month)

    def _render(self, request, award_month, shortlist_form=None, decision_form=None):
        nominations = list(selectors.nominations_for(award_month))
        shortlist = [n for n in nominations if n.shortlisted]
        return render(
            request,
            "recognition/award_run.html",
            {
                "award_month": award_month,
                "nominations": nominations,
                "shortlist_form": shortlist_form
                or ShortlistForm(
                    nominations=nominations,
                    initial={"nominations": [str(n.pk) for n in shortlist]},
                ),
                "decision_form": decision_form or DecisionForm(shortlist=shortlist),
                "shortlist": shortlist,
            },
        )

    def get(self, request, year, month):
        return self._render(request, self._month(year, month))

    def post(self, request, year, month):
        award_month = self._month(year, month)
        nominations = list(selectors.nominations_for(award_month))
        if "shortlist" in request.POST:
            form = ShortlistForm(request.POST, nominations=nominations)
            if form.is_valid():
                try:
                    services.award_shortlist(
                        award_month=award_month,
                        nomination_ids=[int(pk) for pk in form.cleaned_data["nominations"]],
                        user=request.user,
                    )
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    messages.success(request, _("Shortlist saved"))
                    return redirect("recognition:award-run", year, month)
            return self._render(request, award_month, shortlist_form=form)
        shortlist = [n for n in nominations if n.shortlisted]
        form = DecisionForm(request.POST, shortlist=shortlist)
        if form.is_valid():
            winner = next(n for n in shortlist if str(n.pk) == form.cleaned_data["winner"])
            try:
                services.award_decide(
                    award_month=award_month,
                    winner=winner,
                    reasons=form.cleaned_data["reasons"],
                    panel=form.cleaned_data["panel"],
                    user=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("The award for %(month)s is decided") % {"month": award_month}
                )
                return redirect("recognition:award")
        return self._render(request, award_month, decision_form=form)


def _suggestion_link(suggestion: Suggestion) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("recognition:suggestion", args=[suggestion.pk]),
        suggestion.title,
    )


class SuggestionListView(StaffListView):
    """Every suggestion and its published response, for all staff to read."""

    permission_required = "recognition.view_suggestion"
    template_name = "recognition/suggestion_list.html"
    filter_form_class = SuggestionFilterForm
    csv_filename = "suggestions.csv"
    caption = gettext_lazy("Suggestions")
    columns = [
        Column(gettext_lazy("Suggestion"), lambda s: s.title, html=_suggestion_link),
        Column(
            gettext_lazy("Made"), lambda s: timezone.localtime(s.submitted_at).strftime("%-d %B %Y")
        ),
        Column(gettext_lazy("Status"), lambda s: s.get_status_display()),
        Column(gettext_lazy("Response"), lambda s: s.response or _("Not responded to yet")),
    ]

    def select(self, **filters):
        return selectors.suggestion_list(**filters)


class SuggestionCreateView(PermissionRequiredMixin, View):
    permission_required = "recognition.add_suggestion"

    def get(self, request):
        return render(request, "recognition/suggestion_form.html", {"form": SuggestionForm()})

    def post(self, request):
        form = SuggestionForm(request.POST)
        if form.is_valid():
            suggestion = services.suggestion_submit(
                title=form.cleaned_data["title"],
                idea=form.cleaned_data["idea"],
                anonymous=form.cleaned_data["anonymous"],
                user=request.user,
            )
            messages.success(
                request, _("Thank you: your suggestion is in. Its response will be published here.")
            )
            return redirect("recognition:suggestion", suggestion.pk)
        return render(request, "recognition/suggestion_form.html", {"form": form})


class SuggestionView(PermissionRequiredMixin, View):
    permission_required = "recognition.view_suggestion"

    def _render(self, request, suggestion, form=None):
        can_respond = request.user.has_perm("recognition.respond_suggestion")
        if can_respond and form is None:
            form = SuggestionResponseForm(
                initial={
                    "status": suggestion.status,
                    "response": suggestion.response,
                    "hours_saved_a_month": suggestion.hours_saved_a_month,
                    "money_saved_a_year": suggestion.money_saved_a_year,
                    "benefit": suggestion.benefit,
                }
            )
        return render(
            request,
            "recognition/suggestion.html",
            {
                "suggestion": suggestion,
                "form": form,
                "can_respond": can_respond,
                "is_mine": suggestion.submitted_by_id == request.user.pk,
            },
        )

    def get(self, request, pk):
        return self._render(request, get_object_or_404(Suggestion, pk=pk))

    def post(self, request, pk):
        if not request.user.has_perm("recognition.respond_suggestion"):
            raise PermissionDenied
        suggestion = get_object_or_404(Suggestion, pk=pk)
        form = SuggestionResponseForm(request.POST)
        if form.is_valid():
            try:
                services.suggestion_respond(
                    suggestion=suggestion, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Response published"))
                return redirect("recognition:suggestion", pk)
        return self._render(request, suggestion, form)


class FeedbackView(PermissionRequiredMixin, View):
    """Open pulse surveys to answer, and "you said, we did"."""

    permission_required = "recognition.view_pulsesurvey"

    def get(self, request):
        return render(
            request,
            "recognition/feedback.html",
            {
                "surveys": selectors.open_pulse_surveys(
                    user=request.user, today=timezone.localdate()
                ),
                "you_said": YouSaidWeDid.objects.all(),
                "can_manage": request.user.has_perm("recognition.manage_staff_feedback"),
                "all_surveys": selectors.pulse_surveys()
                if request.user.has_perm("recognition.manage_staff_feedback")
                else [],
            },
        )


class PulseCreateView(PermissionRequiredMixin, View):
    permission_required = "recognition.manage_staff_feedback"

    def get(self, request):
        return render(request, "recognition/pulse_form.html", {"form": PulseSurveyForm()})

    def post(self, request):
        form = PulseSurveyForm(request.POST)
        if form.is_valid():
            try:
                services.pulse_create(
                    title=form.cleaned_data["title"],
                    statements=form.cleaned_data["statements"].splitlines(),
                    opens=form.cleaned_data["opens"],
                    closes=form.cleaned_data["closes"],
                    user=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Pulse survey created"))
                return redirect("recognition:feedback")
        return render(request, "recognition/pulse_form.html", {"form": form})


class PulseAnswerView(PermissionRequiredMixin, View):
    permission_required = "recognition.view_pulsesurvey"

    def _survey(self, pk):
        survey = get_object_or_404(PulseSurvey, pk=pk)
        today = timezone.localdate()
        if not survey.opens <= today <= survey.closes:
            raise Http404
        return survey

    def get(self, request, pk):
        survey = self._survey(pk)
        form = PulseAnswerForm(statements=survey.statements)
        return render(request, "recognition/pulse_answer.html", {"survey": survey, "form": form})

    def post(self, request, pk):
        survey = self._survey(pk)
        form = PulseAnswerForm(request.POST, statements=survey.statements)
        if form.is_valid():
            try:
                services.pulse_answer(
                    survey=survey,
                    user=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Thank you: your answers are in. Nobody can see who gave them.")
                )
                return redirect("recognition:feedback")
        return render(request, "recognition/pulse_answer.html", {"survey": survey, "form": form})


class PulseResultsView(PermissionRequiredMixin, View):
    permission_required = "recognition.manage_staff_feedback"

    def _render(self, request, survey, form):
        results = selectors.pulse_results(survey)
        return render(
            request,
            "recognition/pulse_results.html",
            {
                "survey": survey,
                "results": results,
                "minimum": selectors.MIN_ANSWERS_TO_SHOW,
                "form": form,
            },
        )

    def get(self, request, pk):
        return self._render(request, get_object_or_404(PulseSurvey, pk=pk), YouSaidWeDidForm())

    def post(self, request, pk):
        survey = get_object_or_404(PulseSurvey, pk=pk)
        form = YouSaidWeDidForm(request.POST)
        if form.is_valid():
            services.you_said_we_did_publish(survey=survey, user=request.user, **form.cleaned_data)
            messages.success(request, _("Published to all staff"))
            return redirect("recognition:pulse-results", pk)
        return self._render(request, survey, form)
