"""The XML format writes exactly what ElementTree writes for the same data.

`to_xml` builds the document as text for speed (a page of 1,000 requests is some 17,000
elements); ElementTree, as the format was first written, is the reference for every byte:
empty elements, escaping, booleans, numbers, characters XML 1.0 cannot hold.
"""

import re
from xml.etree import ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.open311.formats import LIST_ITEM_NAMES, XML_DECLARATION, to_xml

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _reference_text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _reference_append(parent, name, value):
    element = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, child in value.items():
            _reference_append(element, key, child)
    elif isinstance(value, list | tuple):
        for child in value:
            _reference_append(element, LIST_ITEM_NAMES.get(name, "item"), child)
    else:
        element.text = _reference_text(value)


def reference_xml(data, *, root, item=None) -> bytes:
    element = ET.Element(root)
    if isinstance(data, list):
        for entry in data:
            _reference_append(element, item or LIST_ITEM_NAMES.get(root, "item"), entry)
    else:
        for key, value in data.items():
            _reference_append(element, key, value)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode").encode("utf-8")


names = st.sampled_from(
    ["service_request_id", "status", "media_url", "lat", "values", "errors", "key", "x"]
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from(["", "&", "<b>", "a > b", "\x00\x0b\ufffe", "\ud800", "Café 🚮", "\r\n"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(names, inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    data=st.lists(st.dictionaries(names, values, max_size=6), max_size=4)
    | st.dictionaries(names, values, max_size=6),
    root=st.sampled_from(["service_requests", "services", "errors", "discovery", "response"]),
    item=st.sampled_from([None, "request", "error"]),
)
def test_to_xml_writes_what_elementtree_writes(data, root, item):
    assert to_xml(data, root=root, item=item) == reference_xml(data, root=root, item=item)


def test_a_request_entry_in_xml():
    entry = {
        "service_request_id": "FP-2026-000101",
        "status": "open",
        "status_notes": None,
        "description": "Bags & <rubbish>\x0b",
        "address": "",
        "lat": 51.5,
        "long": -0.12,
    }
    assert to_xml([entry], root="service_requests", item="request") == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b"<service_requests><request><service_request_id>FP-2026-000101</service_request_id>"
        b"<status>open</status><status_notes /><description>Bags &amp; &lt;rubbish&gt;"
        b"</description><address /><lat>51.5</lat><long>-0.12</long></request>"
        b"</service_requests>"
    )
    assert to_xml([], root="service_requests") == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<service_requests />'
    )
