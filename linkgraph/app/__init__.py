"""The Streamlit investigator app (``linkgraph app``); ``main.py`` is its entry script.

- ``access``: the access policy (host rules, password/OIDC config, reading secrets); pure,
  no Streamlit.
- ``login``: the Streamlit login gate (``require_login``, ``current_identity``).
- ``state``: the runs directory, the selected run, navigation and query parameters.
- ``cached``: cached reads of the read model and of the review marks.
- ``widgets``: tables, badges, charts, downloads and the review form several pages share.
- ``network_view``: the interactive network (st_link_analysis) and its styles.
- ``views/``: one script per page.

May import: :mod:`linkgraph.investigate` (the read model), :mod:`linkgraph.enforcement`
(reviews, audit), :mod:`linkgraph.runs`. Data logic belongs in investigate, not here.
"""
