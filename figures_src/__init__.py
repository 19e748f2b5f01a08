"""Math, figures and build hook of the explainer "Why L1 gives exact zeros and L2 does not".

- ``figures_src.sparsity``: the math (NumPy only), the single source of every number on the site;
- ``figures_src.figures``: one module per figure, each with a ``draw(theme)`` that returns a Figure;
- ``figures_src.render``: finds, caches and draws the figures (``python -m figures_src``);
- ``figures_src.mkdocs_hook``: the thin adapter that runs all of this inside ``mkdocs build``.
"""
