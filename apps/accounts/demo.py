"""The demo council's organisation: departments, sites, teams and one user per role."""

from .models import Site, User
from .roles import Role
from .services import (
    department_get_or_create,
    site_get_or_create,
    team_get_or_create,
    user_create,
    user_set_roles,
)

DEMO_PASSWORD = "firstpoint-demo-2026"
DEMO_EMAIL_DOMAIN = "borchester.example"

DEPARTMENTS = [
    ("waste", "Waste and recycling"),
    ("revenues-benefits", "Revenues and benefits"),
    ("housing", "Housing"),
    ("registrars", "Registrars"),
    ("education", "Education"),
    ("highways", "Highways"),
    ("adult-social-care", "Adult social care"),
    ("parking", "Parking"),
    ("environmental-health", "Environmental health"),
    ("planning", "Planning"),
    ("libraries", "Libraries"),
    ("electoral-services", "Electoral services"),
    ("community-safety", "Community safety"),
]

SITES = [
    (
        "Borchester Contact Centre",
        Site.Kind.CONTACT_CENTRE,
        "BC1 1AA",
        False,
        "Monday to Friday, 8am to 6pm",
    ),
    (
        "Town Hall Customer Service Centre",
        Site.Kind.CUSTOMER_SERVICE_CENTRE,
        "BC1 1TH",
        True,
        "Monday to Friday, 9am to 5pm",
    ),
    (
        "Eastgate Customer Service Centre",
        Site.Kind.CUSTOMER_SERVICE_CENTRE,
        "BC4 2EG",
        True,
        "Monday to Friday, 9am to 4:30pm",
    ),
    ("Central Library", Site.Kind.LIBRARY, "BC1 3CL", True, "Monday to Saturday, 9am to 7pm"),
    ("Northfield Library", Site.Kind.LIBRARY, "BC7 5NF", True, "Tuesday to Saturday, 10am to 5pm"),
    (
        "Westbrook Community Access Point",
        Site.Kind.CAP,
        "BC9 8WB",
        True,
        "Monday, Wednesday and Friday, 10am to 2pm",
    ),
    (
        "Borchester Register Office",
        Site.Kind.REGISTRARS,
        "BC1 4RO",
        True,
        "Monday to Friday, 9am to 4pm, by appointment",
    ),
    (
        "Out-of-hours Service",
        Site.Kind.OUT_OF_HOURS,
        "BC1 1AA",
        False,
        "Evenings, weekends and bank holidays",
    ),
    ("Civic Offices", Site.Kind.BACK_OFFICE, "BC1 2CO", False, ""),
]

# (role, email local part, full name, team name, site name, department slug or None)
USERS = [
    (Role.ADVISOR, "advisor", "Amira Khan", "Phones team A", "Borchester Contact Centre", None),
    (
        Role.TEAM_MANAGER,
        "team.manager",
        "Tom Baker",
        "Phones team A",
        "Borchester Contact Centre",
        None,
    ),
    (
        Role.HEAD_OF_SERVICE,
        "head",
        "Helen Carter",
        "Customer services management",
        "Borchester Contact Centre",
        None,
    ),
    (
        Role.CLIENT_SERVICE_OFFICER,
        "officer",
        "Owen Price",
        "Waste services team",
        "Civic Offices",
        "waste",
    ),
    (Role.QUALITY_LEAD, "quality", "Grace Obi", "Customer focus team", "Civic Offices", None),
    (Role.COMMUNICATIONS, "comms", "Chris Lee", "Communications unit", "Civic Offices", None),
    (Role.IT_SERVICES, "it", "Ian Turner", "IT service desk", "Civic Offices", None),
    (Role.MEMBER, "councillor", "Cllr Margaret Ellis", "Members", "Civic Offices", None),
    (Role.ASSESSOR, "assessor", "Alex Shaw", "Assessors", "Civic Offices", None),
    (Role.ADMINISTRATOR, "admin", "Ada Morgan", "Customer services systems", "Civic Offices", None),
]

EXTRA_TEAMS = [
    ("Phones team B", "Borchester Contact Centre", None),
    ("Face to face team", "Town Hall Customer Service Centre", None),
    ("Face to face team", "Eastgate Customer Service Centre", None),
    ("Out-of-hours team", "Out-of-hours Service", None),
]


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_EMAIL_DOMAIN}"


def seed(rng, scale: int = 1) -> list[tuple[str, str]]:
    """Build (or bring up to date) the organisation; returns (role, email) of each demo login."""
    departments = {
        slug: department_get_or_create(
            slug=slug, name=name, email=f"{slug}@{DEMO_EMAIL_DOMAIN}", phone="01632 960 000"
        )
        for slug, name in DEPARTMENTS
    }
    sites = {
        name: site_get_or_create(
            name=name, kind=kind, postcode=postcode, is_public=public, opening_hours=hours
        )
        for name, kind, postcode, public, hours in SITES
    }
    for slug, name in DEPARTMENTS:
        team_get_or_create(
            name=f"{name} team", site=sites["Civic Offices"], department=departments[slug]
        )
    for name, site, department in EXTRA_TEAMS:
        team_get_or_create(name=name, site=sites[site], department=department)
    logins = []
    for role, local_part, full_name, team_name, site_name, department in USERS:
        department_obj = departments[department] if department else None
        team = team_get_or_create(name=team_name, site=sites[site_name], department=department_obj)
        email = demo_email(local_part)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                email=email, full_name=full_name, password=DEMO_PASSWORD, team=team, roles=[role]
            )
        else:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user_set_roles(user=user, roles=[role])
        if role == Role.ADMINISTRATOR and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        logins.append((str(Role(role).label), email))
    return logins
