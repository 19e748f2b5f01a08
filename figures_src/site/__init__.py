"""The site: the steps that turn the chapters, figures and tests into pages (``steps.py``), and the
MkDocs hook that calls them (``mkdocs_hook.py``, the only module that imports MkDocs)."""
