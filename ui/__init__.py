"""Streamlit pieces of the dashboard (dashboard.py), kept apart so that the page reads in
order. The library (`timeline`) never imports Streamlit; these modules do."""
