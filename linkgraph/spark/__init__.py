"""The Spark engine: the same detection as ``detect``, with the heavy stages on Apache Spark.

Owns: the Spark session (session), the stage boundary that names the failing stage and
input (stages), reading and validating the contract's tables in Spark SQL (read, checks,
validate), the link table with rarity weights and generic cut-offs (links), coherent
hubs re-admitted as evidence (coherence), template
families and lockstep windows from the request log (families, lockstep), connected
components on DataFrames (components), Leiden per group of components under
``applyInPandas`` with the embedded partition function (leiden), the hand-over of the
scored tables to the driver (collect), the job itself (engine; ``__main__`` for
spark-submit) and the parity measures against embedded (parity).

It may import ingest, graph, signals, communities, backends, scoring, runs, campaigns,
enforcement and detect; nothing imports it except the CLI. ``pyspark`` is imported
lazily, so the package imports without it (``pip install 'linkgraph[spark]'``).
"""
