from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.models import User
from apps.contacts.models import Contact
from apps.core.formats import long_date, when
from apps.core.forms import add_errors
from apps.core.govuk import summary_rows
from apps.core.pdf import pdf_response
from apps.core.views import Column, StaffListView

from . import presentation, selectors, services
from .forms import (
    ActionFilterForm,
    ActionForm,
    AnswersForm,
    DecisionForm,
    QuestionAddForm,
    QuestionRewordForm,
    ResponseFilterForm,
    ResultsFilterForm,
    SamplingRatesForm,
    ValueReviewForm,
)
from .models import Question, Response, Survey, ValueReview

START_SALT = "surveys.started"


class HomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "surveys.view_response"
    template_name = "surveys/home.html"


class RecordView(PermissionRequiredMixin, View):
    """The advisor asks the standard questions at the end of a contact and records answers."""

    permission_required = "surveys.add_response"
    template_name = "surveys/record.html"

    def _contact(self, pk) -> Contact:
        contact = get_object_or_404(Contact.objects.select_related("customer"), pk=pk)
        user = self.request.user
        if contact.advisor_id != user.pk and not user.has_perm("surveys.view_all_results"):
            raise PermissionDenied
        return contact

    def _render(self, request, contact, form, started, status=200):
        return render(
            request,
            self.template_name,
            {"contact": contact, "form": form, "started": started},
            status=status,
        )

    def get(self, request, pk):
        contact = self._contact(pk)
        survey = services.standard_survey()
        form = AnswersForm(questions=survey.questions.filter(is_current=True))
        started = signing.dumps(timezone.now().isoformat(), salt=START_SALT)
        return self._render(request, contact, form, started)

    def post(self, request, pk):
        contact = self._contact(pk)
        survey = services.standard_survey()
        form = AnswersForm(request.POST, questions=survey.questions.filter(is_current=True))
        started_token = request.POST.get("started", "")
        try:
            started_at = timezone.datetime.fromisoformat(
                signing.loads(started_token, salt=START_SALT, max_age=4 * 60 * 60)
            )
        except (signing.BadSignature, ValueError, TypeError):
            started_at = timezone.now()
            started_token = signing.dumps(started_at.isoformat(), salt=START_SALT)
        if form.is_valid():
            try:
                response = services.response_record_by_advisor(
                    contact=contact,
                    answers=form.answers(),
                    started_at=started_at,
                    recorded_by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Survey recorded"))
                return redirect("surveys:response", response.pk)
        return self._render(request, contact, form, started_token, status=400)


class ResponseListView(StaffListView):
    permission_required = "surveys.view_response"
    template_name = "surveys/response_list.html"
    filter_form_class = ResponseFilterForm
    csv_filename = "survey-responses.csv"
    caption = gettext_lazy("Survey responses")
    columns = [
        Column(
            gettext_lazy("Response"),
            lambda r: r.pk,
            lambda r: presentation.link(reverse("surveys:response", args=[r.pk]), r.pk),
        ),
        Column(gettext_lazy("Finished"), lambda r: long_date(timezone.localtime(r.finished_at))),
        Column(gettext_lazy("Way taken"), lambda r: r.get_mode_display()),
        Column(gettext_lazy("Channel"), lambda r: r.get_channel_display()),
        Column(gettext_lazy("Advisor"), lambda r: r.advisor or ""),
        Column(gettext_lazy("Team"), lambda r: r.team.name if r.team else ""),
        Column(gettext_lazy("Service"), lambda r: r.service.name if r.service else ""),
        Column(gettext_lazy("Satisfaction"), lambda r: r.satisfaction),
        Column(gettext_lazy("Minutes to ask"), lambda r: r.elapsed_minutes),
    ]

    def select(self, **filters):
        return selectors.response_list(user=self.request.user, **filters)


class ResponseDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "surveys.view_response"
    template_name = "surveys/response.html"

    def get_context_data(self, **kwargs):
        try:
            response = selectors.response_detail(user=self.request.user, pk=self.kwargs["pk"])
        except Response.DoesNotExist:
            raise Http404 from None
        context = super().get_context_data(**kwargs)
        context["response"] = response
        rows = [
            (_("Way taken"), response.get_mode_display()),
            (_("Channel"), response.get_channel_display()),
            (_("Advisor"), response.advisor or ""),
            (_("Team"), response.team or ""),
            (_("Site"), response.site or ""),
            (_("Service"), response.service or ""),
            (_("Started"), when(response.started_at)),
            (_("Finished"), when(response.finished_at)),
        ]
        if response.elapsed_minutes is not None:
            rows.append(
                (_("Time taken to ask"), _("%(m)s minutes") % {"m": response.elapsed_minutes})
            )
        context["summary_rows"] = summary_rows(rows)
        context["answer_rows"] = summary_rows(
            [
                (a.question.text, presentation.answer_text(a))
                for a in sorted(response.answers.all(), key=lambda a: a.question.position)
            ]
        )
        return context


class ResultsView(PermissionRequiredMixin, TemplateView):
    """Results by channel, site, service, team or month; an advisor sees only their own."""

    permission_required = "surveys.view_response"
    template_name = "surveys/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        advisor = None
        if "advisor" in self.kwargs:
            advisor = get_object_or_404(User, pk=self.kwargs["advisor"])
            if not selectors.can_view_advisor_results(viewer=user, advisor=advisor):
                raise PermissionDenied
        elif not selectors.sees_all(user):
            advisor = user
        form = ResultsFilterForm(self.request.GET or None)
        values = form.values()
        cells = selectors.results_by(
            by=values["by"],
            start=values["start"],
            end=values["end"],
            mode=values.get("mode", ""),
            advisor=advisor,
        )
        context.update(
            form=form,
            advisor=advisor,
            values=values,
            period=f"{long_date(values['start'])} to {long_date(values['end'])}",
            minimum=selectors.min_cell_size(),
            table=presentation.results_table(cells, selectors.DIMENSIONS[values["by"]]),
            chart=presentation.results_chart(cells),
        )
        return context


class TeamResultsView(PermissionRequiredMixin, TemplateView):
    """The advisors of a team manager's team, each linking to their results."""

    permission_required = "surveys.view_team_results"
    template_name = "surveys/team.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        advisors = (
            User.objects.filter(team_id=user.team_id, is_active=True)
            if user.team_id
            else User.objects.none()
        )
        context["advisors"] = advisors
        return context


class SamplingView(PermissionRequiredMixin, View):
    permission_required = "surveys.change_samplingrate"
    template_name = "surveys/sampling.html"

    def get(self, request):
        form = SamplingRatesForm(rates=services.sampling_rates())
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = SamplingRatesForm(request.POST, rates=services.sampling_rates())
        if form.is_valid():
            for channel, rate in form.rates().items():
                services.sampling_rate_set(channel=channel, rate=rate, user=request.user)
            messages.success(request, _("Sampling rates saved"))
            return redirect("surveys:sampling")
        return render(request, self.template_name, {"form": form}, status=400)


class ActionListView(StaffListView):
    permission_required = "surveys.view_surveyaction"
    template_name = "surveys/action_list.html"
    filter_form_class = ActionFilterForm
    csv_filename = "survey-actions.csv"
    caption = gettext_lazy("Actions taken because of survey results")
    columns = [
        Column(gettext_lazy("Date"), lambda a: long_date(a.action_date)),
        Column(gettext_lazy("What the surveys found"), lambda a: a.finding),
        Column(gettext_lazy("Action taken"), lambda a: a.action),
        Column(gettext_lazy("Owner"), lambda a: a.owner),
        Column(gettext_lazy("Status"), lambda a: a.get_status_display()),
        Column(
            gettext_lazy("Evidence"),
            lambda a: a.evidence_url,
            lambda a: presentation.evidence_link(a.evidence_url),
        ),
    ]

    def select(self, **filters):
        return selectors.action_list(**filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ActionForm(initial={"status": "planned"}))
        return context

    def post(self, request):
        if not request.user.has_perm("surveys.add_surveyaction"):
            raise PermissionDenied
        form = ActionForm(request.POST)
        if form.is_valid():
            try:
                services.action_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Action added"))
                return redirect("surveys:actions")
        self.object_list = self.get_queryset()
        context = self.get_context_data(form=form)
        return self.render_to_response(context, status=400)


class ReviewListView(PermissionRequiredMixin, View):
    permission_required = "surveys.view_valuereview"
    template_name = "surveys/review_list.html"

    def _render(self, request, form, status=200):
        reviews = selectors.value_review_list()
        return render(
            request,
            self.template_name,
            {"form": form, "reviews": reviews, "table": presentation.review_list_table(reviews)},
            status=status,
        )

    def get(self, request):
        return self._render(request, ValueReviewForm(initial={"hourly_rate": "18.50"}))

    def post(self, request):
        if not request.user.has_perm("surveys.add_valuereview"):
            raise PermissionDenied
        form = ValueReviewForm(request.POST)
        if form.is_valid():
            try:
                review = services.value_review_build(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Value review built"))
                return redirect("surveys:review", review.pk)
        return self._render(request, form, status=400)


class ReviewView(PermissionRequiredMixin, View):
    permission_required = "surveys.view_valuereview"
    template_name = "surveys/review.html"

    def _context(self, review, form=None) -> dict:
        context = presentation.review_context(review)
        if self.request.user.has_perm("surveys.change_valuereview"):
            context["form"] = form or DecisionForm(
                initial={
                    "recommendation": review.recommendation or review.figures.get("suggestion"),
                    "reasoning": review.reasoning or " ".join(review.figures.get("reasons", [])),
                }
            )
        return context

    def get(self, request, pk):
        review = get_object_or_404(ValueReview, pk=pk)
        if request.GET.get("format") == "pdf":
            return pdf_response(
                "surveys/review_pdf.html",
                self._context(review) | {"council_name": settings.COUNCIL_NAME},
                filename=f"survey-value-review-{review.pk}.pdf",
            )
        return render(request, self.template_name, self._context(review))

    def post(self, request, pk):
        if not request.user.has_perm("surveys.change_valuereview"):
            raise PermissionDenied
        review = get_object_or_404(ValueReview, pk=pk)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.value_review_decide(review=review, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Recommendation recorded"))
                return redirect("surveys:review", review.pk)
        review.refresh_from_db()
        return render(request, self.template_name, self._context(review, form), status=400)


@method_decorator(login_not_required, name="dispatch")
class AnswerView(View):
    """The public page a one-time link opens; after one answer the link no longer works."""

    template_name = "surveys/answer.html"

    def _invitation_or_gone(self, request, token):
        invitation = services.invitation_by_token(token)
        if invitation is None:
            return None, render(request, "surveys/answer_gone.html", status=404)
        return invitation, None

    def get(self, request, token):
        invitation, gone = self._invitation_or_gone(request, token)
        if gone:
            return gone
        form = AnswersForm(questions=invitation.survey.questions.filter(is_current=True))
        return render(request, self.template_name, {"form": form})

    def post(self, request, token):
        invitation, gone = self._invitation_or_gone(request, token)
        if gone:
            return gone
        form = AnswersForm(
            request.POST, questions=invitation.survey.questions.filter(is_current=True)
        )
        if form.is_valid():
            try:
                services.response_record_by_link(plain=token, answers=form.answers())
            except ValidationError as error:
                add_errors(form, error)
            else:
                return render(request, "surveys/answer_thanks.html")
        return render(request, self.template_name, {"form": form}, status=400)


class QuestionsView(PermissionRequiredMixin, TemplateView):
    """The surveys and their current questions, for the quality lead to manage."""

    permission_required = "surveys.manage_surveys"
    template_name = "surveys/questions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services.standard_survey()
        context["surveys"] = selectors.surveys_with_current_questions()
        return context


class QuestionRewordView(PermissionRequiredMixin, View):
    """Reword a current question: a new version; answers already given keep theirs."""

    permission_required = "surveys.manage_surveys"
    template_name = "surveys/question_reword.html"

    def _question(self, pk) -> Question:
        return get_object_or_404(Question.objects.select_related("survey"), pk=pk, is_current=True)

    def _render(self, request, question, form, status=200):
        versions = selectors.question_versions(survey=question.survey, key=question.key)
        return render(
            request,
            self.template_name,
            {"question": question, "form": form, "versions": versions},
            status=status,
        )

    def get(self, request, pk):
        question = self._question(pk)
        form = QuestionRewordForm(
            question=question,
            initial={
                "text": question.text,
                "hint": question.hint,
                "choices": "\n".join(question.choices),
            },
        )
        return self._render(request, question, form)

    def post(self, request, pk):
        question = self._question(pk)
        form = QuestionRewordForm(request.POST, question=question)
        if form.is_valid():
            try:
                revised = services.question_revise(question=question, **form.values())
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Question reworded: this is version %(v)s") % {"v": revised.version},
                )
                return redirect("surveys:questions")
        return self._render(request, question, form, status=400)


class QuestionAddView(PermissionRequiredMixin, View):
    permission_required = "surveys.manage_surveys"
    template_name = "surveys/question_add.html"

    def get(self, request, pk):
        survey = get_object_or_404(Survey, pk=pk)
        form = QuestionAddForm(initial={"required": "yes"})
        return render(request, self.template_name, {"survey": survey, "form": form})

    def post(self, request, pk):
        survey = get_object_or_404(Survey, pk=pk)
        form = QuestionAddForm(request.POST)
        if form.is_valid():
            try:
                services.question_add(survey=survey, **form.values())
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Question added"))
                return redirect("surveys:questions")
        return render(request, self.template_name, {"survey": survey, "form": form}, status=400)


class QuestionRetireView(PermissionRequiredMixin, View):
    permission_required = "surveys.manage_surveys"
    template_name = "surveys/question_retire.html"

    def _question(self, pk) -> Question:
        return get_object_or_404(Question.objects.select_related("survey"), pk=pk, is_current=True)

    def get(self, request, pk):
        return render(request, self.template_name, {"question": self._question(pk)})

    def post(self, request, pk):
        question = self._question(pk)
        try:
            services.question_retire(question=question)
        except ValidationError as error:
            return render(
                request,
                self.template_name,
                {"question": question, "errors": error.messages},
                status=400,
            )
        messages.success(request, _("Question retired: it will no longer be asked"))
        return redirect("surveys:questions")


class OptOutView(View):
    """Record or withdraw a customer's wish not to be sent survey invitations (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        from apps.customers.models import Customer

        action = request.POST.get("action")
        needed = {"opt_out": "surveys.add_optout", "withdraw": "surveys.delete_optout"}
        if action not in needed:
            return HttpResponseBadRequest(_("Choose to stop or restart survey invitations."))
        if not request.user.has_perm(needed[action]):
            raise PermissionDenied
        customer = get_object_or_404(Customer, pk=pk)
        if action == "opt_out":
            services.opt_out_record(customer=customer, user=request.user)
            messages.success(request, _("Survey invitations stopped for this customer"))
        else:
            services.opt_out_withdraw(customer=customer, user=request.user)
            messages.success(request, _("Survey invitations can be sent to this customer again"))
        return redirect("customers:detail", customer.pk)
