import itertools

from apps.cases import services
from apps.catalogue.tests.factories import ServiceFactory
from apps.customers.models import Customer

_numbers = itertools.count(1)


def make_customer(**fields) -> Customer:
    n = next(_numbers)
    defaults = {
        "reference": f"C-T{n:06d}",
        "first_name": "Pat",
        "last_name": f"Resident{n}",
        "email": f"pat{n}@example.com",
        "postcode": "BC1 1AA",
    }
    return Customer.objects.create(**{**defaults, **fields})


def raise_request(*, service=None, customer=None, raised_by=None, **fields):
    """A request raised through the service, as the contacts app raises them."""
    return services.service_request_raise(
        service=service or ServiceFactory(),
        customer=customer if customer is not None else make_customer(),
        contact=None,
        description=fields.pop("description", "Bin not emptied"),
        raised_by=raised_by,
        **fields,
    )
