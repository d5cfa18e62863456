"""The pipeline's stages: each module (or package) has ``run(doc) -> doc``.

A stage imports only the shared layers (``sampark.model``,
``sampark.contract``, ``sampark.geo``, ``sampark.lang``, ``sampark.text``,
``sampark.errors``) and its own package, never another stage;
``tests/test_layers.py`` checks it. The order lives in ``sampark.pipeline``.
"""
