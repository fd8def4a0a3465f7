"""Thin launcher: ``streamlit run app/main.py`` runs the packaged app (``linkgraph/app/main.py``).

``linkgraph app`` is the usual way in; it also binds to localhost and passes the runs directory.
"""

from __future__ import annotations

from linkgraph.app.main import main

main()
