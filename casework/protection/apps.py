from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "casework.protection"
    label = "protection"
    verbose_name = "Child protection"

    def ready(self) -> None:
        from casework.cases import chronology
        from casework.protection import chronology_sources as sources

        chronology.register("strategy discussions", sources.strategy_discussions)
        chronology.register("section 47 enquiries", sources.section47_enquiries)
        chronology.register("child protection conferences", sources.conferences)
        chronology.register("child protection plans", sources.plans)
        chronology.register("core groups", sources.core_groups)
        chronology.register("child protection visits", sources.visits)
        chronology.register("family group conferences", sources.family_group_conferences)
