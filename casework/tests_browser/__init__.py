"""Browser journeys: Chromium through Playwright against a live server, with axe-core."""
