"""Hypothesis over every form class: whatever a resident or a member of staff types, or a
crafted request sends, validation answers with the cleaned data or with messages a person
can read; it never raises, and it never writes to the database.

Every form class in apps/*/forms.py is bound to fuzzed data (the nearly-right values real
people type, any text, its own choices, files of random bytes) and validated. The pages
that show these forms are fuzzed as a browser posts them in test_pages_fuzz.py.
"""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from apps.accounts.tests.factories import UserFactory
from tests.fuzz.support import fuzz_settings, junk, writes

pytestmark = pytest.mark.django_db

FUZZ = fuzz_settings(12)

APPS = Path(__file__).resolve().parents[2] / "apps"


# ----- every form class -------------------------------------------------------------------


def form_classes() -> list[type]:
    found = []
    for path in sorted(APPS.glob("*/forms.py")):
        module = importlib.import_module(f"apps.{path.parent.name}.forms")
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
            ):
                found.append(obj)
    return found


def _keyword_only_required(parameters) -> list[str]:
    return [
        p.name
        for p in parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.default is inspect.Parameter.empty
    ]


def _question(kind: str, key: str):
    from apps.surveys.models import Question, Survey

    survey, _ = Survey.objects.get_or_create(slug="fuzz", defaults={"name": "Fuzz"})
    question, _ = Question.objects.get_or_create(
        survey=survey,
        key=key,
        defaults={
            "text": f"A {kind} question",
            "kind": kind,
            "choices": ["Yes", "No"] if kind == "choice" else [],
            "required": kind != "text",
        },
    )
    return question


def _service_request():
    from apps.cases.tests.factories import raise_request

    return raise_request()


def _nominations():
    from apps.recognition.models import Nomination

    return list(Nomination.objects.all()[:3])


# What each form that needs more than its data is given: the same things its view gives it.
CONTEXT = {
    "requirements": lambda: list(
        importlib.import_module("apps.assurance.models").Requirement.objects.all()[:5]
    ),
    "criteria": lambda: [
        importlib.import_module("apps.mystery.tests.factories").CriterionFactory() for _ in range(2)
    ],
    "survivor": lambda: importlib.import_module("apps.customers.tests.factories").CustomerFactory(),
    "service": lambda: importlib.import_module("apps.catalogue.tests.factories").ServiceFactory(),
    "nominations": _nominations,
    "shortlist": _nominations,
    "statements": lambda: ["I feel valued", "I have the training I need"],
    "questions": lambda: [
        _question(kind, f"fuzz-{kind}") for kind in ("rating", "choice", "text", "yes_no")
    ],
    "rates": lambda: {"phone": 5.0, "face_to_face": 10.0},
    "question": lambda: _question("choice", "fuzz-reword"),
}


def form_context(form_class) -> dict:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    parameters = inspect.signature(form_class.__init__).parameters
    context = {}
    for name in _keyword_only_required(parameters):
        if name == "request" and form_class.__module__.startswith("apps.cases"):
            context[name] = _service_request()  # the service request the status forms work on
        elif name in CONTEXT:
            context[name] = CONTEXT[name]()
        else:
            raise AssertionError(f"{form_class.__qualname__} needs {name}: add it to CONTEXT")
    if "request" in parameters and "request" not in context:  # sign-in: the web request
        web = RequestFactory().post("/sign-in/")
        web.session, web.user = SessionStore(), AnonymousUser()
        context["request"] = web
    if "device" in parameters:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        context["device"] = TOTPDevice.objects.create(user=UserFactory(), name="App")
    return context


def _field_names(form) -> dict[str, object]:
    """The names a browser sends for each field (a date's day, month and year each have
    one), with the field behind them."""
    names = {}
    for bound in form:
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):
            for suffix in widget.widgets_names:
                names[bound.html_name + suffix] = bound.field
        else:
            names[bound.html_name] = bound.field
    return names


def _choices(field) -> list[str]:
    try:
        return [str(value) for value, _label in field.choices][:20]
    except (AttributeError, TypeError):
        return []


@st.composite
def form_data(draw, names: dict):
    data, files = {}, {}
    for name, field in names.items():
        if draw(st.integers(0, 5)) == 0:
            continue  # left out, as a browser leaves out an unticked box
        if isinstance(field, forms.FileField):
            content = draw(st.binary(max_size=200))
            files[name] = SimpleUploadedFile(
                draw(st.sampled_from(["a.pdf", "b.jpg", "c"])), content
            )
            continue
        options = _choices(field)
        values = st.one_of(st.sampled_from(options), junk) if options else junk
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[name] = draw(st.lists(values, max_size=3))
        else:
            data[name] = draw(values)
    return data, files


FORMS = form_classes()


def test_every_form_is_found():
    names = {f"{f.__module__}.{f.__qualname__}" for f in FORMS}
    assert "apps.contacts.forms.ContactLogForm" in names
    assert "apps.portal.forms.ProblemForm" in names
    assert len(FORMS) > 100


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f"{f.__module__[5:-6]}.{f.__name__}")
def test_a_form_validates_anything_without_error_or_write(form_class, db):
    context = form_context(form_class)
    names = _field_names(form_class(**context))

    @FUZZ
    @given(drawn=form_data(names))
    def validate(drawn):
        posted, files = drawn
        with CaptureQueriesContext(connection) as queries:
            form = form_class(data=posted, files=files, **context)
            valid = form.is_valid()
            errors = form.errors.get_json_data()
        assert not writes(queries.captured_queries), "validating a form wrote to the database"
        if not valid:
            assert errors, "an invalid form must say what is wrong"
            for field, messages in errors.items():
                assert field == "__all__" or field in form.fields, field
                assert all(m["message"].strip() for m in messages), (field, messages)

    validate()
