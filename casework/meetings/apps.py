from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "casework.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from casework.cases import chronology
        from casework.meetings import chronology_sources

        chronology.register("meetings", chronology_sources.meetings)
