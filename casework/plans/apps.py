from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "casework.plans"
    label = "plans"
    verbose_name = "Plans and visits"

    def ready(self) -> None:
        from casework.cases import chronology
        from casework.plans import chronology_sources

        chronology.register("plans", chronology_sources.plans)
        chronology.register("plan reviews", chronology_sources.plan_reviews)
        chronology.register("visits", chronology_sources.visits)
