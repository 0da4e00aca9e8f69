"""A realistic mix for `make load` (bench/load.py starts the server and runs this headless).

- Advisors (weight 5): sign in, search customers, open the contact form, log contacts.
- Residents (weight 4): the portal's start and service pages, and tracking a request.
- Open311 clients (weight 1): read services and requests, post a request with the API key
  bench/load.py issued (LOAD_OPEN311_KEY).

Demo users sign in with the demo password; LOAD_* variables carry what load.py prepared.
"""

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "")
ADVISORS = [e for e in os.environ.get("LOAD_ADVISORS", "").split(",") if e]
OPEN311_KEY = os.environ.get("LOAD_OPEN311_KEY", "")
SERVICE_CODES = [c for c in os.environ.get("LOAD_SERVICE_CODES", "").split(",") if c]
TRACK = [t.split("|") for t in os.environ.get("LOAD_TRACK", "").split(",") if t]
SEARCHES = ["smith", "jones", "patel", "brown", "wilson", "taylor", "khan", "evans"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SERVICE_BOX = re.compile(r'name="services"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="services"')


def csrf(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


class Advisor(HttpUser):
    weight = 5
    wait_time = between(1, 3)

    def on_start(self):
        email = random.choice(ADVISORS)
        page = self.client.get("/sign-in/", name="/sign-in/")
        self.client.post(
            "/sign-in/",
            {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": csrf(page.text)},
            name="/sign-in/ [POST]",
        )

    @task(4)
    def search_customers(self):
        self.client.get(f"/customers/?q={random.choice(SEARCHES)}", name="/customers/?q=")

    @task(3)
    def log_a_contact(self):
        form = self.client.get("/contacts/log/?channel=phone", name="/contacts/log/")
        services = [a or b for a, b in SERVICE_BOX.findall(form.text)]
        if not services:
            return
        with self.client.post(
            "/contacts/log/?channel=phone",
            {
                "csrfmiddlewaretoken": csrf(form.text),
                "channel": "phone",
                "customer": "anonymous",
                "services": [random.choice(services)],
                "reason": "Load test: asked about a bin collection",
                "outcome": "resolved",
                "duration_seconds": str(random.randint(60, 600)),
            },
            name="/contacts/log/ [POST]",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"contact not logged ({response.status_code})")

    @task(1)
    def staff_home(self):
        self.client.get("/staff/", name="/staff/")


class Resident(HttpUser):
    weight = 4
    wait_time = between(2, 5)

    @task(3)
    def portal_start(self):
        self.client.get("/", name="/ (portal)")

    @task(3)
    def find_a_service(self):
        self.client.get("/find-a-service/?q=bin", name="/find-a-service/?q=")

    @task(2)
    def track(self):
        if not TRACK:
            return
        reference, proof = random.choice(TRACK)
        page = self.client.get("/track/", name="/track/")
        self.client.post(
            "/track/",
            {"reference": reference, "proof": proof, "csrfmiddlewaretoken": csrf(page.text)},
            name="/track/ [POST]",
        )


class Open311Client(HttpUser):
    weight = 1
    wait_time = between(1, 4)

    def on_start(self):
        # As a GeoReport client does: post only to services without extra questions
        # ("metadata": false), which need no attribute[] answers.
        listing = self.client.get("/open311/v2/services.json", name="/open311/v2/services.json")
        try:
            simple = [s["service_code"] for s in listing.json() if not s.get("metadata")]
        except ValueError:
            simple = []
        self.codes = [c for c in SERVICE_CODES if c in simple] or simple

    @task(3)
    def services(self):
        self.client.get("/open311/v2/services.json", name="/open311/v2/services.json")

    @task(3)
    def requests(self):
        self.client.get("/open311/v2/requests.json", name="/open311/v2/requests.json")

    @task(1)
    def post_request(self):
        if not (OPEN311_KEY and self.codes):
            return
        with self.client.post(
            "/open311/v2/requests.json",
            {
                "api_key": OPEN311_KEY,
                "service_code": random.choice(self.codes),
                "description": "Load test: fly-tipping by the garages",
                "address_string": "1 High Street, Borchester",
                "email": "resident@example.org",
                "first_name": "Sam",
                "last_name": "Resident",
            },
            name="/open311/v2/requests.json [POST]",
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 201):
                response.failure(f"{response.status_code}: {response.text[:200]}")
