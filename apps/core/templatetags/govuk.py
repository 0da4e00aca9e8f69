"""Template tags for GOV.UK components: {% govuk_field %}, {% govuk_error_summary %},
{% govuk "component-name" params %}."""

from django import template

from apps.core import govuk
from apps.core.markdown import render_markdown

register = template.Library()


@register.simple_tag
def govuk_field(field, classes=None, label_classes=None, page_heading=False):
    return govuk.render_field(
        field, classes=classes, label_classes=label_classes, page_heading=page_heading
    )


@register.simple_tag
def govuk_error_summary(*forms):
    return govuk.render_error_summary(*forms)


@register.simple_tag(name="govuk")
def govuk_component(component, params=None, **kwargs):
    return govuk.render_component(component, {**(params or {}), **kwargs})


@register.filter
def markdown(text):
    return render_markdown(text)
