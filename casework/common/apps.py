from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "casework.common"
    label = "common"
    verbose_name = "Calendar, clocks and drafts"

    def ready(self) -> None:
        from casework.common import checks, clock  # noqa: F401 - registers checks and signals
