"""The static engine, in three layers the rules build on:

- :mod:`~keraslint.engine.names` and :mod:`~keraslint.engine.refs`: name resolution, from
  import statements to canonical Keras names (no inference into installed packages);
- :mod:`~keraslint.engine.graph` and :mod:`~keraslint.engine.signatures`: the model graph
  (layers with their configuration, applications as edges, models, events);
- :mod:`~keraslint.engine.builder`: a small abstract interpreter that fills the graph from
  source, whatever the build style.

Nothing here imports keras.
"""
