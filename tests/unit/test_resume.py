"""The project a resume names is found however the resume phrases it, and quoted safely."""

import pytest

from interview.questions.resume import find_project, project_question


@pytest.mark.parametrize(
    ("resume", "project"),
    (
        ("Senior engineer. Projects: PayFlow — payments in Go", "PayFlow"),
        ("- Led development of PayFlow, a reconciliation service", "PayFlow"),
        ("Worked on the PayFlow project, reconciling 2M payments a day", "PayFlow"),
        ("Key project: PayFlow (Go, Kafka)", "PayFlow"),
        ("* Designed and built PayFlow, which replaced nightly batches", "PayFlow"),
        ("I built PayFlow, a tool for finance", "PayFlow"),
        ("Projects\n- PayFlow: payment reconciliation in Go", "PayFlow"),
        ("Led the migration of Billing Service to Kubernetes", "Billing Service"),
        ("项目经历\n电商秒杀系统：负责库存扣减", "电商秒杀系统"),
        ("I built dashboards for the sales team", None),
    ),
)
def test_a_project_is_found_however_the_resume_phrases_it(resume, project):
    assert find_project(resume) == project


def test_the_question_quotes_the_project_as_one_clean_line():
    spec = project_question("Project: <b>Pay\x00Flow</b>\u202e\nmore", "en", "senior")
    assert spec.text.startswith("Your resume mentions <b>Pay Flow</b>.")
    assert "\n" not in spec.text and "\u202e" not in spec.text
    assert (spec.type, spec.difficulty, spec.bank_id) == (
        "project",
        "senior",
        "resume-project:b-pay-flow-b",
    )


def test_no_project_means_no_question():
    assert project_question("Jane Doe\nExperience: 5 years of Python") is None
