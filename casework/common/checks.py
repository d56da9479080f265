from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs: Any, **kwargs: Any) -> list[Error]:
    """`casework check --deploy` fails while the development key is in use."""
    if settings.SECRET_KEY == settings.INSECURE_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is not set.",
                hint="Set the SECRET_KEY environment variable to a long random string.",
                id="casework.E001",
            )
        ]
    return []
