"""Change history (django-simple-history) read back for people: who changed what, when."""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .govuk import summary_rows

CHANGE_TYPES = {"+": "Added", "~": "Changed", "-": "Deleted"}
# Derived columns kept for search or locking say nothing a reader needs.
HIDDEN_FIELDS = {"version", "updated_at"}


def history_entries(*, instance, limit: int = 100) -> list[dict]:
    """The record's saved versions, newest first, each with the fields that changed (old, new)."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            changes = [
                (change.field, change.old, change.new)
                for change in record.diff_against(previous).changes
                if change.field not in HIDDEN_FIELDS and not change.field.startswith("search_")
            ]
        entries.append({"record": record, "changes": changes})
    return entries


def _short(value) -> str:
    text = "—" if value in (None, "", []) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def history_cards(*, entries: list[dict], model) -> list[dict]:
    """GOV.UK summary cards, one per saved version, for a history page."""
    labels = {f.attname: f.verbose_name for f in model._meta.concrete_fields}
    labels.update(
        {f.name: f.verbose_name for f in model._meta.get_fields() if hasattr(f, "verbose_name")}
    )
    cards = []
    for entry in entries:
        record = entry["record"]
        when = date_format(localtime(record.history_date), "DATETIME_FORMAT")
        kind = _(CHANGE_TYPES.get(record.history_type, record.history_type))
        pairs = [(_("Changed by"), record.history_user or _("System"))]
        if entry["changes"]:
            pairs += [
                (str(labels.get(field, field)).capitalize(), f"{_short(old)} → {_short(new)}")
                for field, old, new in entry["changes"]
            ]
        cards.append({"card": {"title": {"text": f"{when}: {kind}"}}, "rows": summary_rows(pairs)})
    return cards
