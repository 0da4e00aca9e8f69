import factory
from django.utils import timezone

from apps.surveys.models import Mode, Response, SurveyAction
from apps.surveys.services import standard_survey


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.LazyFunction(standard_survey)
    mode = Mode.INDEPENDENT
    channel = "phone"
    finished_at = factory.LazyFunction(timezone.now)
    satisfaction = 4


class SurveyActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyAction

    finding = "Residents waited too long at the library"
    action = "Added a second advisor on Saturdays"
    owner = "Team manager"
    action_date = factory.LazyFunction(timezone.localdate)
    status = SurveyAction.Status.DONE
