"""The explainer's code, in two pipelines (the title and authors are in CITATION.cff).

The figures:
- ``figures_src.sparsity``: the math (NumPy and SciPy), the single source of every number on the site;
- ``figures_src.figures``: one module per figure, each with a ``draw(theme, layout)`` that returns a Figure;
- ``figures_src.style`` and ``figures_src.fonts``: palettes, layouts and the text font;
- ``figures_src.render``: finds, caches and draws the figures (``python -m figures_src``), and draws
  one in-process for the notebook (``render.draw``);
- ``figures_src.figure_files``, ``figures_src.cache``, ``figures_src.project``: the figure files'
  names, the one cache helper, and the project's identity from CITATION.cff.

The site, ``figures_src.site``: numbering and cross-references, KaTeX, citations, the verification
page, notebooks, the print page and accessibility mends, as steps on plain values (``site.steps``),
called from MkDocs by ``site.mkdocs_hook``.

Imports go one way: ``sparsity`` imports nothing of the package; the figures pipeline imports no
``site`` module; only ``site.mkdocs_hook`` imports MkDocs, and nothing imports it.
"""
