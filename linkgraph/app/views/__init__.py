"""The app's pages, one Streamlit script each, run through ``st.navigation`` (not a legacy pages/ dir)."""
