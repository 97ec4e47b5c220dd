"""The floor for bench/ui.py: the interview page's interaction with no app logic behind it.

A heading with the current "question", one answer box and one submit button. Clicking the
button moves to the next question and empties the box, as the interview page does, so the
browser sees the same shape of change (type, click, new heading, empty box) while Streamlit
does nothing but rerun a three-element script. The keys match the interview page's.

Run by bench/ui.py as `streamlit run bench/floor_page.py`; it is not part of the app.
"""

import streamlit as st

QUESTION = "floor_question"
ANSWER = "answer"


def next_question() -> None:
    st.session_state[QUESTION] += 1
    st.session_state[ANSWER] = ""


st.session_state.setdefault(QUESTION, 1)
st.subheader(f"Question {st.session_state[QUESTION]}")
st.text_area("Your answer", key=ANSWER, height=240)
st.button("Submit answer", key="submit", type="primary", on_click=next_question)
