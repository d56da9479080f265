"""`casework regional_pool export --output FILE` writes this council's shared stories and
answered questions for the other councils in its region; `casework regional_pool import FILE`
takes in another member council's (replacing what was held from it). Run the import for each
neighbour as often as the region agrees, from cron or the council's scheduler; the same feed is
served at /careers/region/feed.json for councils that fetch it instead."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder

from casework.common.errors import RuleBroken
from casework.workforce import region


class Command(BaseCommand):
    help = "Export this council's regional pool, or import another member council's"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, title="actions")
        export = actions.add_parser("export", help="Write this council's feed to a file")
        export.add_argument("--output", type=Path, required=True)
        take = actions.add_parser("import", help="Import another member council's feed")
        take.add_argument("feed", type=Path, help="The feed file another council exported")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            feed = region.build_feed()
            output: Path = options["output"]
            try:
                output.write_text(json.dumps(feed, cls=DjangoJSONEncoder, indent=2) + "\n")
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}") from None
            self.stdout.write(
                f"Wrote {len(feed['stories'])} stories and {len(feed['questions'])} answered "
                f"questions to {output}"
            )
            return
        path: Path = options["feed"]
        try:
            feed = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not JSON: {error.msg} at line {error.lineno}") from None
        try:
            result = region.import_feed(None, feed)
        except RuleBroken as broken:
            raise CommandError(f"Nothing imported: {broken.field} {broken.message}") from None
        self.stdout.write(
            f"Imported {result.stories} stories and {result.questions} answered questions "
            f"from {result.council.name}"
        )
