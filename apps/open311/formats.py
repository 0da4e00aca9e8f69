"""The two GeoReport v2 formats: JSON as it is, and XML with the specification's element names.

A view hands its data in the JSON shape with the XML root and item names (`xml_root`,
`xml_item`) on the response; lists nested inside an item take the singular names below.
"""

import json
import re

from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

# A list held inside an element is written as one child per entry, with this name.
LIST_ITEM_NAMES = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "service_requests": "request",
}


# Characters XML 1.0 cannot hold at all; dropped so every document parses.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _escape(text: str) -> str:
    # Character data escaped as ElementTree escapes it.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _write(out: list[str], name: str, value, item: str | None = None) -> None:
    """`value` as the element `name`, written as ElementTree would write it: an element with
    neither text nor children is written empty (<name />)."""
    if isinstance(value, dict):
        if value:
            out.append(f"<{name}>")
            for key, child in value.items():
                # Plain strings, numbers and None, most of any document (a page of requests
                # holds some 17,000), are written here as the call would write them, not by
                # a call each.
                kind = type(child)
                if kind is str:
                    # Printable ASCII holds no character XML 1.0 forbids.
                    if not (child.isascii() and child.isprintable()):
                        child = _NOT_XML.sub("", child)
                    if child:
                        out.append(f"<{key}>{_escape(child)}</{key}>")
                    else:
                        out.append(f"<{key} />")
                elif child is None:
                    out.append(f"<{key} />")
                elif kind is int or kind is float:
                    out.append(f"<{key}>{child}</{key}>")
                else:
                    _write(out, key, child)
            out.append(f"</{name}>")
            return
    elif isinstance(value, list | tuple):
        if value:
            item = item or LIST_ITEM_NAMES.get(name, "item")
            out.append(f"<{name}>")
            for child in value:
                _write(out, item, child)
            out.append(f"</{name}>")
            return
    else:
        text = _text(value)
        if text:
            out.append(f"<{name}>{_escape(text)}</{name}>")
            return
    out.append(f"<{name} />")


def to_xml(data, *, root: str, item: str | None = None) -> bytes:
    """An XML document (with its declaration, UTF-8) of `data`: a list of `item`s or a dict.

    Written as text rather than through ElementTree: a page of 1,000 requests is some
    17,000 elements, and building then serialising a tree of them took several times as long.
    """
    out: list[str] = []
    _write(out, root, data, item)
    return XML_DECLARATION + "".join(out).encode("utf-8")


# Our data never refers to itself, so the encoder need not keep watch for that as it goes.
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False)


class Open311JSONRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return _JSON.encode(data).encode("utf-8")


class Open311XMLRenderer(BaseRenderer):
    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        response = (renderer_context or {}).get("response")
        root = getattr(response, "xml_root", None) or "response"
        item = getattr(response, "xml_item", None)
        return to_xml(data, root=root, item=item)


class SuffixNegotiation(BaseContentNegotiation):
    """The format is the URL's suffix (services.json, services.xml), whatever Accept says."""

    def select_parser(self, request, parsers):
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        for parser in parsers:
            if parser.media_type == content_type:
                return parser
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = format_suffix or "json"
        for renderer in renderers:
            if renderer.format == wanted:
                return renderer, renderer.media_type
        return renderers[0], renderers[0].media_type
