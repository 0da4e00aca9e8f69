"""The demo council's customers: Borchester residents and businesses, a few vulnerable, a few
deliberate duplicates for advisors to merge."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User

from .models import (
    AccessibilityNeed,
    Customer,
    Vulnerability,
    VulnerabilityCategory,
)
from .normalise import search_columns
from .services import format_reference

ADVISOR_EMAIL = "advisor@borchester.example"
LONDON = ZoneInfo("Europe/London")

FIRST_NAMES = [
    "Oliver",
    "George",
    "Harry",
    "Jack",
    "Noah",
    "Leo",
    "Arthur",
    "Muhammad",
    "Oscar",
    "Charlie",
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Sophia",
    "Grace",
    "Margaret",
    "Susan",
    "David",
    "John",
    "Peter",
    "Patricia",
    "Linda",
    "Brian",
    "Kevin",
    "Sandra",
    "Aisha",
    "Priya",
    "Raj",
    "Fatima",
    "Tomasz",
    "Agnieszka",
    "Chidi",
    "Ngozi",
    "Siobhan",
    "Rhys",
    "Eleanor",
    "Harriet",
    "Declan",
    "Bethan",
    "Gareth",
    "Yusuf",
    "Zara",
    "Imran",
    "Anjali",
    "Kwame",
]
LAST_NAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Lewis",
    "Harris",
    "Martin",
    "Cooper",
    "King",
    "Baker",
    "Hughes",
    "Archer",
    "Grundy",
    "Aldridge",
    "Carter",
    "Nowak",
    "Okafor",
    "Murphy",
    "Begum",
    "Ali",
    "Singh",
    "Price",
    "Morgan",
    "Edwards",
    "Turner",
    "Hussain",
    "Kowalski",
    "Mensah",
    "O'Brien",
    "Shah",
]
STREETS = [
    "High Street",
    "Church Lane",
    "Station Road",
    "Mill Lane",
    "Victoria Road",
    "Park Avenue",
    "Eastgate",
    "Westbrook Road",
    "Northfield Close",
    "Market Square",
    "Castle Street",
    "Orchard Way",
    "Meadow View",
    "Borsetshire Road",
    "Felpersham Road",
    "Ambridge Way",
    "Kings Road",
    "Queens Drive",
    "The Green",
    "Canal Walk",
    "Willow Crescent",
    "Chapel Row",
]
LOCALITIES = [
    "Borchester",
    "Eastgate, Borchester",
    "Northfield, Borchester",
    "Westbrook, Borchester",
]
BUSINESSES = [
    "Borchester Bakery",
    "Eastgate Garage",
    "The Bull Inn",
    "Northfield Pharmacy",
    "Grundy Scrap Metals",
    "Castle Street Dental",
    "Westbrook Nurseries",
    "Canal Side Cafe",
    "Aldridge Farm Shop",
    "Market Square Florist",
    "Borchester Building Supplies",
    "Kings Road Launderette",
    "Orchard Way Care Home",
    "High Street Hardware",
]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
LANGUAGES = ["Polish", "Punjabi", "Urdu", "Bengali", "Romanian", "Arabic", "Welsh", "Somali"]


def _postcode(rng: random.Random) -> str:
    return (
        f"BC{rng.randint(1, 9)} {rng.randint(1, 9)}"
        f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
    )


def _phone(rng: random.Random, mobile: bool) -> str:
    if mobile:
        return f"07700 {rng.randint(900000, 900999)}"
    return f"01632 {rng.randint(960000, 960999)}"


def _when(rng: random.Random, now: datetime.datetime) -> datetime.datetime:
    return (now - datetime.timedelta(minutes=rng.randint(0, 182 * 24 * 60))).astimezone(LONDON)


def _customer(rng: random.Random, number: int) -> Customer:
    business = rng.random() < 0.08
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    street = f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
    customer = Customer(
        reference=format_reference(number),
        kind=Customer.Kind.BUSINESS if business else Customer.Kind.RESIDENT,
        first_name=first,
        last_name=last,
        business_name=rng.choice(BUSINESSES) if business else "",
        date_of_birth=None
        if business or rng.random() < 0.3
        else datetime.date(rng.randint(1935, 2006), rng.randint(1, 12), rng.randint(1, 28)),
        phone=_phone(rng, mobile=rng.random() < 0.7) if rng.random() < 0.9 else "",
        phone_other=_phone(rng, mobile=False) if rng.random() < 0.15 else "",
        email=""
        if rng.random() < 0.3
        else f"{first}.{last}{rng.randint(1, 99)}@example.com".lower().replace("'", ""),
        address=f"{street}\n{rng.choice(LOCALITIES)}",
        postcode=_postcode(rng),
        uprn=str(rng.randint(10000000000, 10099999999)) if rng.random() < 0.6 else "",
        preferred_channel=rng.choice([c.value for c in Customer.PreferredChannel] + ["", ""]),
        language=rng.choice(LANGUAGES) if rng.random() < 0.07 else "",
        accessibility_needs=sorted(rng.sample(list(AccessibilityNeed.values), rng.randint(1, 2)))
        if rng.random() < 0.1
        else [],
    )
    return customer


def _duplicate_of(rng: random.Random, original: Customer, number: int) -> Customer:
    """The same person entered again with small differences, as happens at a busy counter."""
    duplicate = Customer(
        reference=format_reference(number),
        kind=original.kind,
        first_name=original.first_name[:1] if rng.random() < 0.5 else original.first_name,
        last_name=original.last_name,
        business_name=original.business_name,
        date_of_birth=original.date_of_birth,
        phone=original.phone,
        email="",
        address=original.address.upper(),
        postcode=original.postcode.replace(" ", ""),
    )
    return duplicate


@transaction.atomic
def seed(rng: random.Random, scale: int = 1) -> int:
    """Add 300 × scale customers (once); returns how many were added."""
    if Customer.objects.exists():
        return 0
    advisor = User.objects.filter(email=ADVISOR_EMAIL).first()
    now = timezone.now()
    total = 300 * scale
    customers = [_customer(rng, n) for n in range(1, total + 1)]
    duplicates = [
        _duplicate_of(rng, original, total + i + 1)
        for i, original in enumerate(rng.sample(customers, min(5 * scale, len(customers))))
    ]
    everyone = customers + duplicates
    for customer in everyone:
        for field, value in search_columns(customer).items():
            setattr(customer, field, value)
    created = Customer.objects.bulk_create(everyone, batch_size=1000)
    # created_at is auto_now_add: spread it over six months afterwards.
    for customer in created:
        customer.created_at = _when(rng, now)
    Customer.objects.bulk_update(created, ["created_at"], batch_size=1000)

    if advisor is not None:
        vulnerable = rng.sample(customers, round(total * 0.06))
        records = []
        for customer in vulnerable:
            basis = rng.choice(
                [Vulnerability.LawfulBasis.CONSENT] * 4 + list(Vulnerability.LawfulBasis.values)
            )
            records.append(
                Vulnerability(
                    customer=customer,
                    categories=rng.sample(list(VulnerabilityCategory.values), rng.randint(1, 2)),
                    lawful_basis=basis,
                    consent_given_by=(
                        rng.choice(["The customer", "Their daughter (lasting power of attorney)"])
                        if basis == Vulnerability.LawfulBasis.CONSENT
                        else ""
                    ),
                    support_notes=rng.choice(
                        [
                            "Speak slowly and check understanding. Offer a call back.",
                            "Prefers letters in large print. Do not rush.",
                            "Recently bereaved: be sensitive about account names.",
                            "Struggling with bills: signpost to the hardship fund.",
                            "Needs an interpreter for anything complex.",
                        ]
                    ),
                    review_date=(now + datetime.timedelta(days=rng.randint(30, 365))).date(),
                    recorded_by=advisor,
                )
            )
        saved = Vulnerability.objects.bulk_create(records)
        for record in saved:
            record.recorded_at = _when(rng, now)
        Vulnerability.objects.bulk_update(saved, ["recorded_at"])
    return len(created)
