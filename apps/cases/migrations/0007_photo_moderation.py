"""A photo's publication (awaiting / published / withheld) becomes its moderation (awaiting
moderation / approved for publication / rejected), with its own permission, and a decision
must always say who made it and when."""

from django.db import migrations, models

# 0006's values and this migration's, both ways.
FORWARDS = {"published": "approved", "withheld": "rejected"}
BACKWARDS = {new: old for old, new in FORWARDS.items()}


def _map(values):
    def run(apps, schema_editor):
        photo = apps.get_model("cases", "ServiceRequestPhoto")
        for old, new in values.items():
            photo.objects.filter(moderation=old).update(moderation=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_photo_publication"),
    ]

    operations = [
        migrations.RenameField(
            model_name="servicerequestphoto", old_name="publication", new_name="moderation"
        ),
        migrations.AlterField(
            model_name="servicerequestphoto",
            name="moderation",
            field=models.CharField(
                choices=[
                    ("awaiting", "Awaiting moderation"),
                    ("approved", "Approved for publication"),
                    ("rejected", "Rejected"),
                ],
                default="awaiting",
                max_length=10,
                verbose_name="moderation",
            ),
        ),
        migrations.RunPython(_map(FORWARDS), _map(BACKWARDS)),
        migrations.AlterModelOptions(
            name="servicerequestphoto",
            options={
                "ordering": ["uploaded_at", "pk"],
                "permissions": [
                    (
                        "moderate_servicerequestphoto",
                        "Can approve or reject photos sent with reports for publication",
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="servicerequestphoto",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("moderated_at__isnull", True),
                    ("moderated_by__isnull", True),
                    ("moderation", "awaiting"),
                )
                | models.Q(
                    ("moderated_at__isnull", False),
                    ("moderated_by__isnull", False),
                    ("moderation__in", ["approved", "rejected"]),
                ),
                name="service_request_photo_moderation_recorded",
            ),
        ),
    ]
