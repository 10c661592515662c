"""Plotly figures from the frames ``db.py`` returns: pure, no Streamlit and no database here."""
