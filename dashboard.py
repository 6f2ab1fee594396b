"""The Streamlit app: `streamlit run dashboard.py` (placeholder until the dashboard lands)."""

import streamlit as st

st.set_page_config(page_title="timeline", layout="wide")
st.title("timeline")
st.write("News articles turned into a timeline of who did what, where and when.")
