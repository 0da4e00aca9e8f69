"""Hypothesis over every page's POST forms, posted as a browser would but with anything in
the fields: never a 500, and a page that refuses the form (anything but a redirect) has
written nothing but bookkeeping (the session, the access log, a wrong-code count).

The forms are read from the page's HTML: the fields a browser sends, the choices it
offers, the address it posts to. Each field is then left out, given one of its offered
values or given junk. Pages without a parameter in their address are fuzzed one by one;
then, with the demo council loaded, the record pages they link to (a request, a customer,
a complaint, a visit...) are fuzzed too, one of each kind.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from hypothesis import given
from hypothesis import strategies as st

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from tests.fuzz.support import fuzz_settings, junk, writes
from tests.site_pages import NOT_PAGES, public_pages, staff_pages

pytestmark = pytest.mark.django_db


class PageReader(HTMLParser):
    """The POST forms on a page (where each posts, its fields and their offered values) and
    the site's own links."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option":
            if self._form is not None and self._select:
                self._form["fields"][self._select].append(attrs.get("value") or "")
            return
        if tag == "a" and (attrs.get("href") or "").startswith("/"):
            self.links.append(attrs["href"])
        if tag == "form":
            self._form = None
            if (attrs.get("method") or "get").lower() == "post":
                self._form = {"action": attrs.get("action") or "", "fields": {}, "files": set()}
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        fields, name = self._form["fields"], attrs.get("name")
        if not name:
            return
        kind = attrs.get("type")
        if tag == "input" and kind == "file":
            self._form["files"].add(name)
        elif tag in ("input", "button") and kind != "image":
            fields.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea":
            fields.setdefault(name, [])
        elif tag == "select":
            self._select = name
            fields.setdefault(name, [])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def read_page(client, path) -> PageReader | None:
    response = client.get(path)
    content_type = response.get("Content-Type", "").split(";")[0]
    if response.status_code != 200 or content_type != "text/html":
        return None
    reader = PageReader()
    reader.feed(response.content.decode())
    return reader


def posted_forms(page: PageReader, path: str) -> list[dict]:
    """The page's POST forms that post to this site (not to sign-out or a machine endpoint),
    each with the address it posts to."""
    found = []
    for form in page.forms:
        action = urlsplit(urljoin(path, form["action"])).path
        if action.startswith(NOT_PAGES) or not (form["fields"] or form["files"]):
            continue
        found.append({**form, "action": action})
    return found


@st.composite
def form_posts(draw, form: dict):
    data = {}
    for name, offered in form["fields"].items():
        if name == "csrfmiddlewaretoken":
            continue
        choice = draw(st.integers(0, 4))
        if choice == 0:
            continue  # left out, as a browser leaves out an unticked box
        data[name] = draw(st.sampled_from(offered)) if offered and choice < 3 else draw(junk)
    for name in form["files"]:
        data[name] = SimpleUploadedFile("upload.bin", draw(st.binary(max_size=200)))
    return data


def check_post(client, path, data):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(path, data)
    assert response.status_code < 500, f"{path} answered {response.status_code} to {data}"
    if response.status_code not in (301, 302, 303):
        written = writes(queries.captured_queries)
        assert not written, f"{path} refused {data} but wrote to {sorted(set(written))}"
    return response


def fuzz_form(client, form: dict, examples: int) -> None:
    @fuzz_settings(examples)
    @given(data=form_posts(form))
    def post(data):
        check_post(client, form["action"], data)

    post()


def fuzz_forms(client, path, page, examples: int) -> int:
    """Fuzz each POST form on a page; how many forms there were."""
    forms = posted_forms(page, path)
    for form in forms:
        fuzz_form(client, form, examples)
    return len(forms)


@pytest.fixture
def staff_client(db):
    """A member of staff holding every role, so every staff page and its forms are open."""
    client = Client()
    client.force_login(UserFactory(roles=list(Role), email="fuzz@borchester.example"))
    return client


@pytest.mark.parametrize("path", [p for p, _view in staff_pages()])
def test_staff_pages_take_any_post_without_error_or_partial_write(path, staff_client):
    page = read_page(staff_client, path)
    if page is None or not fuzz_forms(staff_client, path, page, examples=10):
        pytest.skip("no form posted from this page")


@pytest.mark.parametrize("path", [p for p, _view in public_pages()])
def test_public_pages_take_any_post_without_error_or_partial_write(path, client):
    page = read_page(client, path)
    if page is None or not fuzz_forms(client, path, page, examples=10):
        pytest.skip("no form posted from this page")


def _record_pages(client, start_paths) -> list[str]:
    """One page of each kind that needs a record (its route has a parameter), found by
    following the links of the pages without one, then the links of those."""
    seen_kinds, found, frontier = set(), [], list(start_paths)
    for _depth in range(2):
        next_frontier = []
        for path in frontier:
            page = read_page(client, path)
            if page is None:
                continue
            for link in page.links:
                target = urlsplit(link).path
                if target.startswith(NOT_PAGES):
                    continue
                try:
                    match = resolve(target)
                except Resolver404:
                    continue
                if not (match.kwargs or match.args) or match.view_name in seen_kinds:
                    continue
                seen_kinds.add(match.view_name)
                found.append(target)
                next_frontier.append(target)
        frontier = next_frontier
    return found


def test_record_pages_take_any_post_without_error_or_partial_write(staff_client):
    call_command("seed_demo", verbosity=0)
    staff = _record_pages(staff_client, [p for p, _view in staff_pages()])
    public = _record_pages(Client(), [p for p, _view in public_pages()])
    # The walk reaches the pages where records are worked, or it proves nothing.
    kinds = {resolve(p).view_name for p in staff + public}
    assert {"cases:detail", "customers:detail"} <= kinds, sorted(kinds)
    forms = 0
    for path in staff:
        page = read_page(staff_client, path)
        forms += fuzz_forms(staff_client, path, page, examples=4) if page else 0
    for path in public:
        client = Client()
        page = read_page(client, path)
        forms += fuzz_forms(client, path, page, examples=4) if page else 0
    assert forms > 20, f"only {forms} forms were found on {len(staff) + len(public)} pages"


def test_the_walk_finds_the_forms_people_post(staff_client):
    """So the walk cannot quietly stop posting: the main journeys' forms are found, and an
    empty post reaches the real view, which refuses it with the error summary."""
    for path in ("/contacts/log/", "/customers/add/", "/complaints/record/"):
        forms = posted_forms(read_page(staff_client, path), path)
        assert any(form["action"] == path and len(form["fields"]) > 3 for form in forms), path
    response = check_post(staff_client, "/customers/add/", {})
    assert response.status_code == 200 and b"govuk-error-summary" in response.content
    assert posted_forms(read_page(Client(), "/feedback/"), "/feedback/")


def test_a_write_is_seen_and_bookkeeping_is_not():
    assert writes([{"sql": 'INSERT INTO "contacts_contact" ("a") VALUES (1)'}]) == [
        "contacts_contact"
    ]
    assert writes([{"sql": 'UPDATE "django_session" SET x = 1'}]) == []
    assert writes([{"sql": 'SELECT * FROM "x"'}]) == []
