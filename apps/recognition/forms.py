from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.forms import GovUKDateField

from .models import Suggestion, YouSaidWeDid


class NominationForm(forms.Form):
    nominee = forms.ModelChoiceField(
        label=_("Who are you nominating?"),
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        error_messages={"required": _("Choose who you are nominating")},
    )
    reason = forms.CharField(
        label=_("Why do they deserve the award?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why they deserve the award")},
    )


class ShortlistForm(forms.Form):
    nominations = forms.MultipleChoiceField(
        label=_("Shortlist"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one nomination")},
    )

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = [
            (str(n.pk), f"{n.nominee} ({n.get_source_display()}): {n.reason[:120]}")
            for n in nominations
        ]


class DecisionForm(forms.Form):
    winner = forms.ChoiceField(
        label=_("Winner"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the winner")},
    )
    panel = forms.CharField(label=_("Panel members"), max_length=300, required=False)
    reasons = forms.CharField(
        label=_("The panel's reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Record the panel's reasons")},
    )

    def __init__(self, *args, shortlist, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winner"].choices = [(str(n.pk), str(n.nominee)) for n in shortlist]


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your idea in a few words"),
        max_length=150,
        error_messages={"required": _("Give your idea a short title")},
    )
    idea = forms.CharField(
        label=_("Your idea"),
        help_text=_("What would you change, and what difference would it make?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe your idea")},
    )
    anonymous = forms.TypedChoiceField(
        label=_("Do you want to put your name to it?"),
        choices=[("named", _("Yes, use my name")), ("anonymous", _("No, submit it anonymously"))],
        coerce=lambda value: value == "anonymous",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether to use your name")},
    )


class SuggestionResponseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=Suggestion.Status.choices, widget=forms.RadioSelect
    )
    response = forms.CharField(
        label=_("Response (published to all staff)"),
        help_text=_("If it is not taken forward, say why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    hours_saved_a_month = forms.DecimalField(
        label=_("Hours saved a month (optional)"),
        min_value=0,
        max_digits=7,
        decimal_places=1,
        required=False,
    )
    money_saved_a_year = forms.DecimalField(
        label=_("Money saved a year in pounds (optional)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
    )
    benefit = forms.CharField(
        label=_("The benefit (for implemented suggestions)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class SuggestionFilterForm(forms.Form):
    search = forms.CharField(label=_("Title contains"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any"))] + list(Suggestion.Status.choices),
        required=False,
    )


class PulseSurveyForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=150, error_messages={"required": _("Enter a title")}
    )
    statements = forms.CharField(
        label=_("Statements"),
        help_text=_(
            "One a line, up to 10. Staff rate each from 1 (strongly disagree) to 5 (strongly agree)."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write at least one statement")},
    )
    opens = GovUKDateField(
        label=_("Opens"), error_messages={"required": _("Enter the opening date")}
    )
    closes = GovUKDateField(
        label=_("Closes"), error_messages={"required": _("Enter the closing date")}
    )


SCORE_CHOICES = [
    ("1", _("1 Strongly disagree")),
    ("2", _("2 Disagree")),
    ("3", _("3 Neither")),
    ("4", _("4 Agree")),
    ("5", _("5 Strongly agree")),
]


class PulseAnswerForm(forms.Form):
    comment = forms.CharField(
        label=_("Anything else you want to tell us? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        scores = {}
        for index, statement in enumerate(statements):
            scores[f"score_{index}"] = forms.TypedChoiceField(
                label=statement,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score for: %(s)s") % {"s": statement}},
            )
        self.fields = {**scores, **self.fields}

    def scores(self) -> list[int]:
        return [v for k, v in self.cleaned_data.items() if k.startswith("score_")]


class YouSaidWeDidForm(forms.Form):
    theme = forms.CharField(
        label=_("Theme"), max_length=150, error_messages={"required": _("Enter the theme")}
    )
    you_said = forms.CharField(
        label=_("You said"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what staff said")},
    )
    we_did = forms.CharField(
        label=_("We did (or will do)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what was done")},
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=YouSaidWeDid.Status.choices, widget=forms.RadioSelect
    )
