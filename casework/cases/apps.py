from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "casework.cases"
    label = "cases"

    def ready(self) -> None:
        from casework.cases import chronology, chronology_sources

        chronology.register("referrals", chronology_sources.referrals)
        chronology.register("allocations", chronology_sources.allocations)
        chronology.register("decisions", chronology_sources.management_decisions)
        chronology.register("significant events", chronology_sources.significant_events)
