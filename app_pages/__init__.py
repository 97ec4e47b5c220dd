"""The pages of the Streamlit app; ui.py is the helper they share."""
