from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "casework.protection"
    label = "protection"
    verbose_name = "Child protection"
