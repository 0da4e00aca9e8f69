"""The Scottish local-government customer service professional qualification, as data.

Eight modules in three units over 12 months, at Award (SVQ level 5) and Certificate
(SVQ level 6) levels; each module is passed above 70% (strictly more than 70).
"""

from decimal import Decimal

from django.db import migrations

NAME = "Customer Service Professional Qualification (Scottish local government)"
UNITS = [
    (
        "Local government customer communication",
        ["Communicating with customers", "Written and online communication", "Telephone and face-to-face service"],
    ),
    (
        "Excellence in local government customer service",
        ["Understanding customer needs", "Delivering and improving service", "Measuring customer satisfaction"],
    ),
    (
        "Understanding relationships, responsibilities and conflict management in local government customer service",
        ["Roles and responsibilities in local government", "Managing conflict and difficult situations"],
    ),
]


def add(apps, schema_editor):
    Programme = apps.get_model("workforce", "Programme")
    Unit = apps.get_model("workforce", "Unit")
    Module = apps.get_model("workforce", "Module")
    Assessment = apps.get_model("workforce", "Assessment")
    Level = apps.get_model("workforce", "ProgrammeLevel")
    programme, _ = Programme.objects.get_or_create(
        name=NAME,
        defaults={
            "awarding_body": "Scottish Qualifications Authority (SQA)",
            "duration_months": 12,
            "pass_mark": Decimal("70"),
        },
    )
    modules = []
    number = 0
    for unit_number, (unit_title, module_titles) in enumerate(UNITS, start=1):
        unit, _ = Unit.objects.get_or_create(
            programme=programme, number=unit_number, defaults={"title": unit_title}
        )
        for title in module_titles:
            number += 1
            module, created = Module.objects.get_or_create(
                unit=unit, number=number, defaults={"title": title}
            )
            if created:
                Assessment.objects.create(module=module, title=f"Online assessment: {title}")
            modules.append(module)
    for name, svq in (("Award", 5), ("Certificate", 6)):
        level, _ = Level.objects.get_or_create(
            programme=programme, name=name, defaults={"svq_level": svq}
        )
        level.modules.set(modules)


def remove(apps, schema_editor):
    apps.get_model("workforce", "Programme").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
