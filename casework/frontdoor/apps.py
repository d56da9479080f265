from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "casework.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"
