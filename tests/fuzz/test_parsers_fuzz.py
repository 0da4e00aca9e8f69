"""Hypothesis over every parser of a file staff or residents upload: whatever the bytes, the
answer is the import or a clear refusal (ValidationError, or an import result naming line and
column), never another exception, and a refused file writes nothing."""

import contextlib
import io
import string

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from apps.assurance.models import Framework, Requirement
from apps.assurance.services import FrameworkFileError, evidence_document_check, framework_load
from apps.core.images import NotAnImage, image_reencode
from apps.operations.services import pdf_check
from apps.performance.importing import load_file
from apps.performance.models import CallRecord, DailyQueueStats, IntervalRecord, Queue
from apps.performance.profiles import AMAZON_CONNECT, CALL_FIELDS, GENERIC, INTERVAL_FIELDS
from apps.portal.photos import photo_clean
from apps.staffing.models import RosterImport, RosterShift
from apps.staffing.services import roster_import
from tests.fuzz.support import NEAR_MISSES, fuzz_settings

pytestmark = pytest.mark.django_db

FUZZ = fuzz_settings(30)

cell = st.one_of(st.sampled_from(NEAR_MISSES), st.text(max_size=20))


def csv_bytes(header: list[str], rows: list[list[str]], *, bom: bool, crlf: bool) -> bytes:
    out = io.StringIO()
    import csv

    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode("utf-8", "surrogatepass")
    return (b"\xef\xbb\xbf" if bom else b"") + data


@st.composite
def export_files(draw, fields):
    header = draw(
        st.one_of(
            st.just(list(fields)),
            st.permutations(list(fields)),
            st.lists(st.sampled_from([*fields, "extra", ""]), max_size=len(fields) + 2),
        )
    )
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 1), max_size=6))
    return csv_bytes(header, rows, bom=draw(st.booleans()), crlf=draw(st.booleans()))


def counts(*models) -> list[int]:
    return [model.objects.count() for model in models]


def check_result(result, before, *models):
    assert result.rows >= 0 and result.error_count >= 0
    if result.ok:
        assert 0 <= result.loaded <= result.rows
    else:
        assert result.errors, "a refused file must say why"
        for error in result.errors:
            assert set(error) >= {"line", "column", "message"} and error["line"] >= 1
        assert counts(*models) == before, "a refused file wrote something"


@pytest.mark.parametrize("profile", [GENERIC, AMAZON_CONNECT], ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_call_imports_load_or_refuse_cleanly(profile, data):
    fields = [profile.calls.get(f, f) for f in CALL_FIELDS]
    content = data.draw(st.one_of(export_files(fields), st.binary(max_size=300)))
    models = (CallRecord, Queue, DailyQueueStats)
    before = counts(*models)
    result = load_file(io.BytesIO(content), kind="calls", profile=profile)
    check_result(result, before, *models)


@FUZZ
@given(data=st.one_of(export_files(INTERVAL_FIELDS), st.binary(max_size=300)))
def test_interval_imports_load_or_refuse_cleanly(data):
    models = (IntervalRecord, Queue, DailyQueueStats)
    before = counts(*models)
    result = load_file(io.BytesIO(data), kind="intervals", profile=GENERIC)
    check_result(result, before, *models)


ROSTER_FIELDS = ["date", "start time", "end time", "advisor", "queue"]


@FUZZ
@given(
    data=st.one_of(
        export_files(ROSTER_FIELDS),
        st.binary(max_size=200),
        st.builds(
            lambda rows: csv_bytes(ROSTER_FIELDS, rows, bom=False, crlf=False),
            st.lists(
                st.tuples(
                    st.sampled_from(["2026-11-23", "2026-11-31", "23/11/2026", ""]),
                    st.sampled_from(["08:00", "24:00", "8", "17:30", ""]),
                    st.sampled_from(["17:30", "07:00", "", "noon"]),
                    st.sampled_from(["advisor@borchester.example", "not an email", "", "a" * 300]),
                    st.sampled_from(["Council tax", "", "x" * 200]),
                ).map(list),
                max_size=5,
            ),
        ),
    )
)
def test_roster_imports_load_whole_or_not_at_all(make_user, data):
    from apps.accounts.roles import Role

    user = make_user(Role.TEAM_MANAGER)
    before = counts(RosterImport, RosterShift)
    try:
        record = roster_import(imported_by=user, filename="roster.csv", content=data)
    except ValidationError as error:
        assert error.messages, "a refused roster must say why"
        assert counts(RosterImport, RosterShift) == before
    else:
        assert record.shift_count == RosterShift.objects.filter(roster_import=record).count()


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


@st.composite
def framework_texts(draw):
    import json

    shape = draw(st.sampled_from(["raw", "json", "nearly"]))
    if shape == "raw":
        return draw(st.text(max_size=200))
    if shape == "json":
        return json.dumps(draw(json_value))
    requirement = st.fixed_dictionaries(
        {},
        optional={
            "code": st.text(string.ascii_letters + string.digits + ".", max_size=6),
            "title": st.text(max_size=20),
            "kind": st.sampled_from(["criterion", "element", "area", "", 3]),
            "parent": st.text(max_size=4) | st.none(),
            "summary": st.text(max_size=20),
        },
    )
    return json.dumps(
        draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "slug": st.sampled_from(["cse", "fuzz", "", "a b"]),
                    "name": st.text(max_size=20),
                    "version": st.text(max_size=5) | st.integers(),
                    "requirements": st.lists(requirement, max_size=4) | json_value,
                },
            )
        )
    )


@FUZZ
@given(text=framework_texts())
def test_framework_files_load_all_or_nothing(text):
    before = counts(Framework, Requirement)
    try:
        framework_load(text=text)
    except FrameworkFileError as error:
        assert error.messages
        assert counts(Framework, Requirement) == before


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=400).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=400).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
        st.binary(max_size=400).map(lambda b: b"\xff\xd8\xff\xe0" + b),
        st.binary(max_size=400).map(lambda b: b"RIFF\x00\x00\x00\x00WEBP" + b),
        st.binary(max_size=400).map(lambda b: b"PK\x03\x04" + b),
    )
)
def test_uploaded_documents_and_photos_are_checked_by_content(data):
    def upload():
        return SimpleUploadedFile("upload.bin", data, content_type="application/pdf")

    for check in (pdf_check, evidence_document_check, lambda u: photo_clean(u.read())):
        try:
            check(upload())
        except ValidationError as error:
            assert error.messages
    with contextlib.suppress(NotAnImage):
        image_reencode(data)
