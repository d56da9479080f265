from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "casework.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from casework.assessments import chronology as assessment_chronology
        from casework.cases import chronology

        chronology.register("assessments", assessment_chronology.assessments)
