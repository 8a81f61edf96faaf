"""Standalone renderings of a session for download or another system: the transcript and
the graded report as Markdown or HTML (`render`), with a server-drawn SVG chart (`charts`).
Used by the JSON API (`?format=`), the CLI and the review page; imports neither."""
