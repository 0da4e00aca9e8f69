"""Answers to a service's own questions (ServiceAttribute), checked against their definitions.

The portal's report form and Open311's POST both hand answers here, so a resident and an app
are held to the same rules.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .models import Service, ServiceAttribute

D = ServiceAttribute.Datatype


def service_questions(*, service: Service) -> list[ServiceAttribute]:
    """The service's questions in the order they are asked."""
    return list(service.attributes.order_by("order", "code"))


def attribute_answers_clean(*, service: Service, answers: dict, require: bool = True) -> dict:
    """Answers keyed by attribute code, each checked and normalised for its datatype.

    Raises ValidationError keyed by attribute code: a required answer missing, a value not
    in the list, a number or date that is not one, or a code the service does not ask.
    Multi-value answers come back as lists; every other answer as a string. With
    require=False a missing answer is allowed (an advisor may raise a request before asking).
    """
    questions = {q.code: q for q in service_questions(service=service)}
    errors: dict[str, str] = {}
    clean: dict = {}
    for code in answers:
        if code not in questions:
            errors[code] = _("%(service)s does not ask for ‘%(code)s’") % {
                "service": service.name,
                "code": code,
            }
    for code, question in questions.items():
        raw = answers.get(code)
        values = (
            [str(v).strip() for v in raw]
            if isinstance(raw, list | tuple)
            else ([] if raw is None or str(raw).strip() == "" else [str(raw).strip()])
        )
        if not values:
            if question.required and require:
                errors[code] = _("Answer the question: %(question)s") % {
                    "question": question.description
                }
            continue
        if question.datatype != D.MULTIVALUELIST and len(values) > 1:
            errors[code] = _("Give one answer to: %(question)s") % {
                "question": question.description
            }
            continue
        if question.is_list:
            allowed = {str(v["key"]) for v in question.values}
            unknown = [v for v in values if v not in allowed]
            if unknown:
                errors[code] = _("Choose from the answers given for: %(question)s") % {
                    "question": question.description
                }
                continue
            clean[code] = values if question.datatype == D.MULTIVALUELIST else values[0]
        elif question.datatype == D.NUMBER:
            try:
                number = Decimal(values[0])
                if not number.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                errors[code] = _("Enter a number for: %(question)s") % {
                    "question": question.description
                }
                continue
            clean[code] = str(number)
        elif question.datatype == D.DATETIME:
            parsed = _parse_datetime(values[0])
            if parsed is None:
                errors[code] = _("Enter a date and time for: %(question)s") % {
                    "question": question.description
                }
                continue
            clean[code] = parsed.isoformat()
        else:
            limit = 2000 if question.datatype == D.TEXT else 300
            if len(values[0]) > limit:
                errors[code] = _("Answer in %(limit)s characters or fewer") % {"limit": limit}
                continue
            clean[code] = values[0]
    if errors:
        raise ValidationError(errors)
    return clean


def _parse_datetime(value: str):
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed = datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time())
        except ValueError:
            return None
    return parsed
