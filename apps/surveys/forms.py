import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.contacts.models import ContactChannel
from apps.core.forms import GovUKDateField

from .models import Mode, Question, ResponseChannel, SurveyAction, ValueReview
from .selectors import DIMENSIONS

RATING_LABELS = {
    1: _("1 – very dissatisfied"),
    2: _("2 – dissatisfied"),
    3: _("3 – neither satisfied nor dissatisfied"),
    4: _("4 – satisfied"),
    5: _("5 – very satisfied"),
}
EASE_LABELS = {
    1: _("1 – very difficult"),
    2: _("2 – difficult"),
    3: _("3 – neither easy nor difficult"),
    4: _("4 – easy"),
    5: _("5 – very easy"),
}
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class AnswersForm(forms.Form):
    """The survey's current questions as fields named q_<key>."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q_{question.key}"] = self._field(question)

    @staticmethod
    def _field(question: Question):
        required = question.required
        messages = {"required": _("Answer: %(q)s") % {"q": question.text}}
        common = {"label": question.text, "help_text": question.hint or None, "required": required}
        if question.kind == Question.Kind.RATING:
            labels = EASE_LABELS if question.key == "ease" else RATING_LABELS
            return forms.TypedChoiceField(
                choices=[(str(k), v) for k, v in labels.items()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=messages,
                **common,
            )
        if question.kind == Question.Kind.YES_NO:
            return forms.TypedChoiceField(
                choices=YES_NO,
                coerce=lambda v: v == "yes",
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages=messages,
                **common,
            )
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(
                choices=[(c, c) for c in question.choices],
                widget=forms.RadioSelect,
                error_messages=messages,
                **common,
            )
        common["label"] = (
            f"{question.text} " + str(_("(optional)")) if not required else question.text
        )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=5000,
            error_messages=messages,
            **common,
        )

    def answers(self) -> dict:
        return {q.key: self.cleaned_data.get(f"q_{q.key}") for q in self.questions}


def _last_year():
    today = timezone.localdate()
    return today - datetime.timedelta(days=365), today


class ResultsFilterForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Show results by"), choices=list(DIMENSIONS.items()), required=False
    )
    mode = forms.ChoiceField(
        label=_("Way the survey was taken"),
        choices=[("", _("All"))] + list(Mode.choices),
        required=False,
    )
    start = GovUKDateField(label=_("From"), required=False)
    end = GovUKDateField(label=_("To"), required=False)

    def clean(self):
        data = super().clean()
        default_start, default_end = _last_year()
        data["by"] = data.get("by") or "channel"
        data["start"] = data.get("start") or default_start
        data["end"] = data.get("end") or default_end
        if data["start"] > data["end"]:
            raise ValidationError({"end": _("The end date must be on or after the start date")})
        return data

    def values(self) -> dict:
        if self.is_bound and self.is_valid():
            return self.cleaned_data
        start, end = _last_year()
        return {"by": "channel", "mode": "", "start": start, "end": end}


class ResponseFilterForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Way the survey was taken"),
        choices=[("", _("All"))] + list(Mode.choices),
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All"))] + list(ResponseChannel.choices), required=False
    )


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))] + list(SurveyAction.Status.choices),
        required=False,
    )


class SamplingRatesForm(forms.Form):
    """One percentage per contact channel."""

    def __init__(self, *args, rates: dict[str, float], **kwargs):
        super().__init__(*args, **kwargs)
        for channel, label in ContactChannel.choices:
            self.fields[channel] = forms.DecimalField(
                label=label,
                help_text=_("Percentage of contacts invited each day, from 0 to 100"),
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=2,
                initial=(Decimal(str(rates.get(channel, 0))) * 100).quantize(Decimal("0.01")),
                error_messages={
                    "required": _("Enter a percentage for %(c)s") % {"c": label},
                    "invalid": _("%(c)s must be a number") % {"c": label},
                    "min_value": _("%(c)s must be 0 or more") % {"c": label},
                    "max_value": _("%(c)s must be 100 or less") % {"c": label},
                    "max_decimal_places": _("%(c)s can have up to 2 decimal places") % {"c": label},
                },
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}
                ),
            )

    def rates(self) -> dict[str, Decimal]:
        return {k: (v / 100).quantize(Decimal("0.0001")) for k, v in self.cleaned_data.items()}


class ActionForm(forms.ModelForm):
    action_date = GovUKDateField(label=_("Date"))

    class Meta:
        model = SurveyAction
        fields = ["finding", "action", "owner", "action_date", "status", "evidence_url"]
        widgets = {
            "finding": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }
        error_messages = {
            "finding": {"required": _("Enter what the surveys found")},
            "action": {"required": _("Enter the action taken")},
            "owner": {"required": _("Enter who owns the action")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_date"].error_messages["required"] = _("Enter the date")
        self.fields["evidence_url"].label = _("Evidence (optional)")


class ValueReviewForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a title")}
    )
    period_start = GovUKDateField(
        label=_("From"), error_messages={"required": _("Enter the start of the period")}
    )
    period_end = GovUKDateField(
        label=_("To"), error_messages={"required": _("Enter the end of the period")}
    )
    hourly_rate = forms.DecimalField(
        label=_("Advisor cost per hour, in pounds"),
        help_text=_("Salary with on-costs, for example 18.50"),
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        error_messages={
            "required": _("Enter the advisor cost per hour"),
            "invalid": _("The advisor cost per hour must be a number"),
            "min_value": _("The advisor cost per hour must be 0 or more"),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The end of the period must be on or after its start"))
        return data


class DecisionForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=ValueReview.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose continue, change or stop")},
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the reasoning for the recommendation")},
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class QuestionRewordForm(forms.Form):
    text = forms.CharField(
        label=_("Question"),
        max_length=300,
        error_messages={
            "required": _("Enter the question"),
            "max_length": _("The question must be 300 characters or fewer"),
        },
    )
    hint = forms.CharField(
        label=_("Hint (optional)"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("The hint must be 300 characters or fewer")},
    )

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        if question.kind == Question.Kind.CHOICE:
            self.fields["choices"] = forms.CharField(
                label=_("Options"),
                help_text=_("One option a line"),
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": _("Enter the options, one a line")},
            )

    def values(self) -> dict:
        data = {"text": self.cleaned_data["text"], "hint": self.cleaned_data["hint"]}
        if "choices" in self.fields:
            data["choices"] = _lines(self.cleaned_data["choices"])
        return data


class QuestionAddForm(forms.Form):
    text = forms.CharField(
        label=_("Question"),
        max_length=300,
        error_messages={
            "required": _("Enter the question"),
            "max_length": _("The question must be 300 characters or fewer"),
        },
    )
    hint = forms.CharField(
        label=_("Hint (optional)"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("The hint must be 300 characters or fewer")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=Question.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of answer")},
    )
    choices = forms.CharField(
        label=_("Options (for a choice question)"),
        help_text=_("One option a line"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    required = forms.TypedChoiceField(
        label=_("Must the question be answered?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the question must be answered")},
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Question.Kind.CHOICE and len(_lines(data.get("choices"))) < 2:
            self.add_error("choices", _("Enter at least 2 different options, one a line"))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["choices"] = _lines(data["choices"])
        return data
