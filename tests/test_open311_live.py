"""Open311 over real HTTP: the `georeport` client library against the running server.

georeport 0.3 can read (services, definitions, requests) but has no method to post a
service request, so the post is made with `requests` (the library's own HTTP client) with the
form fields GeoReport v2 defines, and the library reads the new request back.
"""

import pytest
import requests
from georeport import GeoReport

from apps.open311.services import api_key_issue
from apps.open311.tests.helpers import reportable_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_a_client_reads_services_posts_and_reads_back(
    live_server, make_user, settings, output_format
):
    reportable_service(sla_working_days=5)
    _, key = api_key_issue(name="georeport", created_by=make_user())
    root = f"{live_server.url}/open311/v2"
    client = GeoReport(
        root,
        jurisdiction=settings.OPEN311_JURISDICTION_ID,
        api_key=key,
        output_format=output_format,
    )

    services = client.get_service_list()
    if isinstance(services, dict):  # xmltodict gives a dict for a single <service>
        services = [services]
    assert [s["service_code"] for s in services] == ["missed-bin"]

    definition = client.get_service_definition("missed-bin")
    attributes = definition["attributes"]
    if output_format == "xml":
        attributes = attributes["attribute"]
    codes = [a["code"] for a in attributes]
    assert codes == ["bin-type", "bags"]

    posted = requests.post(
        f"{client.root_address}/requests.{output_format}",
        data={
            "jurisdiction_id": client.jurisdiction,
            "api_key": client.api_key,
            "service_code": "missed-bin",
            "lat": "51.5014",
            "long": "-0.1419",
            "attribute[bin-type]": "recycling",
            "description": "Recycling bin missed",
        },
        timeout=10,
    )
    assert posted.status_code == 200, posted.text
    if output_format == "json":
        reference = posted.json()[0]["service_request_id"]
    else:
        import xmltodict

        reference = xmltodict.parse(posted.content)["service_requests"]["request"][
            "service_request_id"
        ]

    request = client.get_service_request(reference)
    assert request["service_request_id"] == reference
    assert request["status"] == "open"
    assert request["description"] == "Recycling bin missed"
    assert request["service_code"] == "missed-bin"

    listed = client.get_service_requests(service_code="missed-bin", status="open")
    if isinstance(listed, dict):
        listed = [listed]
    assert [r["service_request_id"] for r in listed] == [reference]


def test_a_bad_key_is_refused_over_http(live_server):
    reportable_service()
    response = requests.post(
        f"{live_server.url}/open311/v2/requests.xml",
        data={"api_key": "wrong", "service_code": "missed-bin", "lat": "1", "long": "1"},
        timeout=10,
    )
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("text/xml")
    assert b"<errors><error><code>403</code>" in response.content
