from apps.cases import services
from apps.catalogue.tests.factories import ServiceFactory
from apps.customers.tests.factories import CustomerFactory


def make_customer(**fields):
    return CustomerFactory(**fields)


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
