"""Settings from the environment, the choice of interviewer, and a client built only when used."""

import subprocess
import sys

import pytest

from interview.interviewers.base import Interviewer
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.interviewers.configured import interviewer_from_environment
from interview.interviewers.llm.config import (
    Settings,
    build_client,
    llm_enabled,
    settings_from_environment,
)
from interview.interviewers.llm.interviewer import LanguageModelInterviewer
from interview.interviewers.llm.prompts import PROMPT_VERSION

KEY = {"OPENAI_API_KEY": "sk-config-test-0123456789"}
MODEL = {"INTERVIEW_MODEL": "gpt-test"}


@pytest.mark.parametrize(
    ("environ", "enabled"),
    [({}, False), (KEY, False), (MODEL, False), ({**KEY, **MODEL}, True)],
    ids=["nothing", "a key only", "a model only", "a key and a model"],
)
def test_the_model_is_used_only_with_both_a_key_and_a_model(environ, enabled):
    assert llm_enabled(environ) is enabled
    chosen = interviewer_from_environment(environ)
    assert isinstance(chosen, LanguageModelInterviewer if enabled else BuiltinInterviewer)


def test_the_language_model_interviewer_names_itself_for_the_report():
    interviewer = interviewer_from_environment({**KEY, **MODEL})

    assert (interviewer.name, interviewer.version, interviewer.model) == (
        "language-model",
        PROMPT_VERSION,
        "gpt-test",
    )
    assert isinstance(interviewer.fallback, BuiltinInterviewer)
    assert all(hasattr(interviewer, member) for member in Interviewer.__annotations__)


def test_settings_have_explicit_defaults():
    settings = settings_from_environment({**KEY, **MODEL})

    assert (settings.timeout, settings.follow_up_budget, settings.max_retries) == (30, 8, 2)
    assert settings.base_url is None and settings.transcribe_model == "whisper-1"
    assert settings.price_per_1k_input is None and settings.price_per_1k_output is None


def test_settings_read_every_variable():
    settings = settings_from_environment(
        {
            **KEY,
            **MODEL,
            "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1",
            "INTERVIEW_LLM_TIMEOUT": "12.5",
            "INTERVIEW_FOLLOW_UP_BUDGET": "4",
            "INTERVIEW_LLM_MAX_RETRIES": "0",
            "INTERVIEW_TRANSCRIBE_MODEL": "gpt-4o-transcribe",
            "INTERVIEW_PRICE_PER_1K_INPUT": "0.15",
            "INTERVIEW_PRICE_PER_1K_OUTPUT": "0.6",
        }
    )

    assert settings.base_url == "http://127.0.0.1:11434/v1"
    assert (settings.timeout, settings.follow_up_budget, settings.max_retries) == (12.5, 4, 0)
    assert settings.transcribe_model == "gpt-4o-transcribe"
    assert (settings.price_per_1k_input, settings.price_per_1k_output) == (0.15, 0.6)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("INTERVIEW_LLM_TIMEOUT", "soon"),
        ("INTERVIEW_LLM_TIMEOUT", "0"),
        ("INTERVIEW_FOLLOW_UP_BUDGET", "-1"),
        ("INTERVIEW_LLM_MAX_RETRIES", "1.5"),
        ("INTERVIEW_PRICE_PER_1K_INPUT", "nan"),
    ],
)
def test_a_malformed_setting_stops_start_up_naming_the_variable(name, value):
    with pytest.raises(ValueError, match=name):
        settings_from_environment({**KEY, **MODEL, name: value})


def test_the_client_gets_explicit_time_outs_and_retries():
    settings = Settings(api_key="sk-x-0123456789", model="m", timeout=7, max_retries=3)

    client = build_client(settings)

    assert client.max_retries == 3
    assert client.timeout.read == 7 and client.timeout.connect == 5


def test_importing_the_package_and_creating_the_interviewer_do_not_import_openai():
    code = (
        "import sys, interview.interviewers.llm.interviewer; "
        "import interview.interviewers.configured as c; "
        "c.interviewer_from_environment("
        "{'OPENAI_API_KEY': 'sk-x', 'INTERVIEW_MODEL': 'm'}); "
        "print('openai' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
