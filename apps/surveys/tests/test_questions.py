"""Managing survey definitions: reword (a new version), add and retire questions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.accounts.roles import Role
from apps.surveys import selectors, services
from apps.surveys.models import Answer, Question, Survey
from apps.surveys.tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def _current(key: str) -> Question:
    return Question.objects.get(survey=services.standard_survey(), key=key, is_current=True)


def test_rewording_makes_a_new_version_and_answers_keep_the_old_one():
    question = _current("comments")
    answer = Answer.objects.create(response=ResponseFactory(), question=question, text="Fine")
    revised = services.question_revise(question=question, text="What could we do better?")
    assert revised.version == 2 and revised.is_current and revised.key == "comments"
    question.refresh_from_db()
    assert not question.is_current and question.text.startswith("Is there anything")
    answer.refresh_from_db()
    assert answer.question == question
    assert list(selectors.question_versions(survey=question.survey, key="comments")) == [
        revised,
        question,
    ]


def test_rewording_with_the_same_words_or_an_old_version_is_refused():
    question = _current("ease")
    with pytest.raises(ValidationError):
        services.question_revise(question=question, text=question.text)
    with pytest.raises(ValidationError):
        services.question_revise(question=question, text="   ")
    services.question_revise(question=question, text="How easy was it?")
    with pytest.raises(ValidationError):
        services.question_revise(question=question, text="How simple was it?")
    assert Question.objects.filter(key="ease").count() == 2


def test_adding_questions_of_each_kind():
    survey = services.standard_survey()
    rating = services.question_add(survey=survey, text="How polite were we?", kind="rating")
    assert rating.key == "how_polite_were_we" and rating.position == 6
    again = services.question_add(survey=survey, text="How polite were we?", kind="yes_no")
    assert again.key == "how_polite_were_we_2" and again.position == 7
    choice = services.question_add(
        survey=survey,
        text="How did you first contact us?",
        kind="choice",
        choices=[" Phone ", "Email", "Phone", ""],
        required=False,
    )
    assert choice.choices == ["Phone", "Email"] and not choice.required
    text = services.question_add(survey=survey, text="Anything else?", kind="text", choices=["x"])
    assert text.choices == []
    current = selectors.surveys_with_current_questions()[0].current_questions
    assert [q.key for q in current][-4:] == [rating.key, again.key, choice.key, text.key]


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "", "kind": "rating"},
        {"text": "Which?", "kind": "choice", "choices": ["Only one"]},
        {"text": "Which?", "kind": "choice", "choices": ["Same", "Same "]},
        {"text": "Which?", "kind": "scale"},
    ],
)
def test_adding_a_bad_question_writes_nothing(fields):
    survey = services.standard_survey()
    before = Question.objects.count()
    with pytest.raises(ValidationError):
        services.question_add(survey=survey, **fields)
    assert Question.objects.count() == before


def test_retiring_a_question_stops_it_being_asked_but_keeps_answers():
    survey = services.standard_survey()
    extra = services.question_add(survey=survey, text="Was the advisor polite?", kind="yes_no")
    Answer.objects.create(response=ResponseFactory(), question=extra, yes_no=True)
    services.question_retire(question=extra)
    extra.refresh_from_db()
    assert not extra.is_current and extra.answers.count() == 1
    assert not survey.questions.filter(key=extra.key, is_current=True).exists()
    with pytest.raises(ValidationError):
        services.question_retire(question=extra)


def test_standard_questions_and_a_survey_last_question_cannot_be_retired():
    with pytest.raises(ValidationError):
        services.question_retire(question=_current("satisfaction"))
    other = Survey.objects.create(name="Library visit", slug="library")
    only = services.question_add(survey=other, text="Did you find the book?", kind="yes_no")
    with pytest.raises(ValidationError):
        services.question_retire(question=only)
    assert Question.objects.get(pk=only.pk).is_current


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=120))
def test_any_wording_gets_a_unique_valid_key(text):
    survey, _ = Survey.objects.get_or_create(name="Property", slug="property")
    if not text.strip():
        return
    first = services.question_add(survey=survey, text=text, kind="text")
    second = services.question_add(survey=survey, text=text, kind="text")
    assert first.key != second.key
    first.full_clean()


# Views


def test_advisors_cannot_manage_questions(client_as):
    client = client_as(Role.ADVISOR)
    question = _current("comments")
    survey = question.survey
    assert client.get(reverse("surveys:questions")).status_code == 403
    assert client.get(reverse("surveys:question-reword", args=[question.pk])).status_code == 403
    page = client.post(reverse("surveys:question-reword", args=[question.pk]), {"text": "Changed"})
    assert page.status_code == 403
    page = client.post(
        reverse("surveys:question-add", args=[survey.pk]),
        {"text": "New", "kind": "text", "required": "no"},
    )
    assert page.status_code == 403
    assert client.post(reverse("surveys:question-retire", args=[question.pk])).status_code == 403
    assert Question.objects.count() == 5 and question.text == _current("comments").text


def test_quality_lead_lists_and_rewords_a_question(client_as, django_assert_max_num_queries):
    client = client_as(Role.QUALITY_LEAD)
    question = _current("comments")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("surveys:questions"))
    assert (
        page.status_code == 200 and b"Is there anything we could have done better?" in page.content
    )
    url = reverse("surveys:question-reword", args=[question.pk])
    assert client.get(url).status_code == 200
    page = client.post(url, {"text": "", "hint": ""})
    assert page.status_code == 400 and b"govuk-error-summary" in page.content
    assert b"Enter the question" in page.content
    page = client.post(url, {"text": question.text, "hint": ""})
    assert page.status_code == 400 and b"Change the wording" in page.content
    assert Question.objects.filter(key="comments").count() == 1
    page = client.post(url, {"text": "What could we have done better?", "hint": ""})
    assert page.status_code == 302
    assert _current("comments").version == 2
    # The old version is no longer current: its page is gone.
    assert client.get(url).status_code == 404
    assert client.get(reverse("surveys:question-reword", args=[999999])).status_code == 404


def test_quality_lead_adds_a_choice_question_and_bad_input_writes_nothing(client_as):
    client = client_as(Role.QUALITY_LEAD)
    survey = services.standard_survey()
    url = reverse("surveys:question-add", args=[survey.pk])
    assert client.get(url).status_code == 200
    page = client.post(url, {"text": "How did you hear of us?", "kind": "choice", "choices": "Web"})
    assert page.status_code == 400 and b"Enter at least 2 different options" in page.content
    page = client.post(url, {"text": "", "kind": "pick"})
    assert page.status_code == 400 and b"govuk-error-summary" in page.content
    assert Question.objects.count() == 5
    page = client.post(
        url,
        {
            "text": "How did you hear of us?",
            "kind": "choice",
            "choices": "Web\r\nNewspaper\r\n",
            "required": "yes",
        },
    )
    assert page.status_code == 302
    added = Question.objects.get(text="How did you hear of us?")
    assert added.choices == ["Web", "Newspaper"] and added.required
    assert client.get(reverse("surveys:question-add", args=[999999])).status_code == 404


def test_quality_lead_retires_a_question_and_cannot_retire_a_standard_one(client_as):
    client = client_as(Role.QUALITY_LEAD)
    survey = services.standard_survey()
    extra = services.question_add(survey=survey, text="Was it quick?", kind="yes_no")
    url = reverse("surveys:question-retire", args=[extra.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Question.objects.get(pk=extra.pk).is_current
    assert client.post(url).status_code == 404
    standard = _current("satisfaction")
    page = client.post(reverse("surveys:question-retire", args=[standard.pk]))
    assert page.status_code == 400 and b"cannot be retired" in page.content
    assert _current("satisfaction").pk == standard.pk
