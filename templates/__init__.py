"""cjmap's report templates (installed as the package ``cjmap.templates``).

The files here are jinja2 templates and the report's CSS; they are read with
``importlib.resources``, never imported. See docs/report.md for the context they receive.
"""
