"""The Streamlit investigator app (``linkgraph app``); ``main.py`` is its entry script."""
