"""PDFs for committees and residents, rendered from a Django template by WeasyPrint.

The template extends `core/pdf_base.html`, which carries a print stylesheet in GOV.UK's
type scale. Nothing is fetched over the network: images and charts are inline.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which pages do not need

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=None).write_pdf()


def pdf_response(template_name: str, context: dict, *, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
