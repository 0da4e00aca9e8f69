"""The council's leaflets and posters for residents: current versions only."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from . import selectors
from .models import Format
from .views import pdf_download


@login_not_required
def publication_list(request):
    formats = dict(Format.choices)
    versions = [
        {
            "version": v,
            "formats": ", ".join(str(formats.get(f, f)) for f in v.formats),
        }
        for v in selectors.current_publications()
    ]
    return render(request, "operations/public_list.html", {"versions": versions})


@login_not_required
def publication_download(request, pk):
    """The electronic copy of a current version; a withdrawn version is not found."""
    return pdf_download(get_object_or_404(selectors.current_publications(), pk=pk))
