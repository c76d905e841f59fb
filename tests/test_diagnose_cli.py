"""``cjmap diagnose`` through the real app: answers, prompts, exit codes, saving, new maps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from cjmap.validate import load_map

CASES = ROOT / "tests" / "cases" / "diagnose"
DATE = ("--date", "2024-05-01")
GO = ("--changeable", "yes", "--challenged", "y", "--complex", "partly", "--climactic", "no",
      "--costly", "unsure", *DATE)
NO_GO = ("--changeable", "yes", "--challenged", "no", "--complex", "no", "--climactic", "u",
         "--costly", "partly", *DATE)
BLOCK_GO = """\
diagnosis:
  date: 2024-05-01
  answers:
    changeable: {applies: yes}
    challenged: {applies: yes}
    complex: {applies: partly}
    climactic: {applies: no}
    costly: {applies: unsure}
  decision: go
"""
# y + note, p, n, u, y, then Enter on the summary
ANSWER_ALL = "y\nRules changed in April\np\n\nn\n\nu\n\ny\n\n\n"


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes((CASES / name).read_bytes())
    return target


# --- answers given on the command line ----------------------------------------------------------


def test_options_give_a_go_in_text(cli, golden) -> None:
    result = cli("diagnose", *GO)
    assert result.exit_code == 0, result.output
    golden("diagnose/go.txt", result.stdout)


def test_options_give_a_no_go_in_json(cli, golden) -> None:
    result = cli("diagnose", *NO_GO, "--note", "costly=Repeat <visits> & [red]", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["decision"] == "no-go" and data["points"] == 3
    assert data["answers"]["costly"]["note"] == "Repeat <visits> & [red]"
    golden("diagnose/no-go.json", result.stdout)


def test_hostile_notes_are_shown_as_typed(cli) -> None:
    result = cli("diagnose", *GO, "--note", "changeable=[bold red]x[/] <script>&")
    assert "[bold red]x[/] <script>&" in result.stdout


@pytest.mark.parametrize("answers, code", [(GO, 0), (NO_GO, 3)])
def test_exit_code_branches_on_the_decision(cli, answers: tuple[str, ...], code: int) -> None:
    assert cli("diagnose", *answers, "--exit-code").exit_code == code
    assert cli("diagnose", *answers).exit_code == 0


def test_threshold_changes_the_decision(cli) -> None:
    assert cli("diagnose", *GO, "--threshold", "6", "--exit-code").exit_code == 3
    assert cli("diagnose", *NO_GO, "-t", "3", "--exit-code").exit_code == 0
    result = cli("diagnose", *GO, "--threshold", "11")
    assert result.exit_code == 2 and "--threshold" in result.stderr


def test_no_answers_and_no_terminal_fails_clearly(cli) -> None:
    result = cli("diagnose")
    assert result.exit_code == 2
    assert "standard input is not a terminal" in result.stderr
    assert "--answers FILE" in result.stderr and "--interactive" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--changeable", "maybe"), "'maybe' is not an answer"),
    (("--note", "compelx=x", "--complex", "y"), "did you mean complex=...?"),
    (("--note", "costly=x"), "give an answer for costly too"),
    (("--changeable", "y", "--date", "2024-13-01"), "is not an ISO date"),
    (("--changeable", "y", "--save", "a.yaml", "--new", "T"), "not both"),
    (("--changeable", "y", "-o", "a.yaml"), "--output goes with --new"),
    (("--changeable", "y", "--customer", "x"), "--customer goes with --new"),
    (("--changeable", "y", "--new", "  "), "--new needs a journey title"),
])
def test_usage_errors_exit_2(cli, args: tuple[str, ...], message: str) -> None:
    result = cli("diagnose", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()).replace("│", "").replace("  ", " ")


# --- --answers FILE -----------------------------------------------------------------------------


def test_answers_file_in_the_spec_shape(cli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("changeable: {applies: yes, note: Rules changed}\n"
                       "challenged: {applies: true}\ncomplex: partly\nclimactic:\ncostly: no\n")
    result = cli("diagnose", "--answers", str(answers), "-f", "json", *DATE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["points"] == 5 and data["decision"] == "go"
    assert data["answers"]["climactic"]["applies"] == "unsure"
    assert data["answers"]["changeable"]["note"] == "Rules changed"


def test_options_override_the_answers_file(cli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("changeable: {applies: yes, note: Old}\ncostly: yes\n")
    result = cli("diagnose", "-a", str(answers), "--changeable", "no", "--note", "costly=New",
                 "-f", "json")
    data = json.loads(result.stdout)
    assert data["answers"]["changeable"] == {"applies": "no", "points": 0, "note": None}
    assert data["answers"]["costly"] == {"applies": "yes", "points": 2, "note": "New"}


def test_answers_from_standard_input(cli) -> None:
    result = cli("diagnose", "--answers", "-", "-f", "json",
                 input="answers:\n  complex: yes\n  costly: yes\n  climactic: partly\n")
    assert json.loads(result.stdout)["points"] == 5


def test_a_map_file_serves_as_answers(cli) -> None:
    result = cli("diagnose", "--answers", str(CASES / "with-diagnosis.yaml"), "-f", "json")
    data = json.loads(result.stdout)
    assert data["answers"]["challenged"]["note"] == "Complaints about the first weeks\nare rising.\n"
    assert data["points"] == 7


@pytest.mark.parametrize("text, message", [
    ("changeable: yes\ncompelx: yes\n", "answers.yaml:2:1: unknown C `compelx`; did you mean "
                                        "`complex`?"),
    ("costly: {applies: maybe}\n", "answers.yaml:1:9: `costly`: 'maybe' is not an answer"),
    ("costly: {aplies: yes}\n", "answers.yaml:1:9: `costly`: unknown key `aplies`; did you mean "
                                "`applies`?"),
    ("costly: {note: x}\n", "answers.yaml:1:9: `costly` needs `applies:`"),
    ("costly: {applies: yes, note: 12}\n", "the note must be text"),
    ("costly: [yes\n", "answers.yaml:2:1: YAML syntax error"),
    ("# nothing\n", "answers.yaml: the file is empty"),
    ("- yes\n- no\n", "answers.yaml: expected a mapping of the five Cs"),
    ("costly: yes\ncostly: no\n", "YAML syntax error"),
])
def test_answers_file_mistakes_are_located(cli, tmp_path: Path, monkeypatch,
                                            text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("answers.yaml").write_text(text)
    result = cli("diagnose", "--answers", "answers.yaml")
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_an_unreadable_answers_file(cli, tmp_path: Path) -> None:
    result = cli("diagnose", "--answers", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "cannot read" in result.stderr
    (tmp_path / "latin1.yaml").write_bytes(b"costly: {applies: yes, note: caf\xe9}\n")
    result = cli("diagnose", "--answers", str(tmp_path / "latin1.yaml"))
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


# --- the questionnaire through CliRunner --------------------------------------------------------


def test_prompts_ask_all_five_and_show_the_summary(cli) -> None:
    result = cli("diagnose", "--interactive", *DATE, input=ANSWER_ALL)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for number, title in enumerate(("Changeable", "Challenged", "Complex", "Climactic",
                                    "Costly"), start=1):
        assert f"{number} of 5 · {title}" in out
    assert "Is the experience changing, or about to?" in out
    assert "For example:" in out
    assert "Answer [y yes · p partly · n no · u unsure]:" in out
    assert "Note (optional, Enter to skip):" in out
    assert "Rules changed in April" in out
    assert "5 of 10" in out and "GO  5 of 10 points, go at 5 or more" in out
    assert "Driven by: Changeable (yes), Challenged (partly), Costly (yes)." in out
    assert "• Climactic: Do emotions run high" in out
    assert "Your choice [Enter finish · 1-5 change · b back · q quit]:" in out


def test_prompts_go_back_and_change_from_the_summary(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "commented.yaml")
    keys = "y\n\nwhat\nb\nn\n\nn\n\nn\n\nn\n\nn\n\n1\np\nSome change\n\n"
    result = cli("diagnose", "-i", "--save", str(target), *DATE, input=keys)
    assert result.exit_code == 0, result.output
    assert "Type y, p, n or u (or b to go back)." in result.stdout
    assert "Answered so far: yes" in result.stdout
    assert result.stdout.count("NO-GO") == 2  # the summary, shown again after the change
    saved = load_map(target).diagnosis
    assert saved.answers.changeable.applies == "partly"
    assert saved.answers.changeable.note == "Some change"
    assert saved.answers.challenged.applies == "no"
    assert "cjmap: saved the diagnosis to" in result.stderr


def test_prompts_save_into_a_map_byte_for_byte(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "commented.yaml")
    original = target.read_bytes()
    result = cli("diagnose", "--interactive", "--save", str(target), *DATE, input=ANSWER_ALL)
    assert result.exit_code == 0, result.output
    assert "Enter save to" in result.stdout
    data = target.read_bytes()
    assert data.startswith(original + b"\ndiagnosis:\n    date: 2024-05-01\n")
    assert b"changeable: {applies: yes, note: Rules changed in April}" in data


def test_stored_answers_are_the_defaults_when_saving_again(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "with-diagnosis.yaml")
    result = cli("diagnose", "-i", "--save", str(target), *DATE, input="\n" * 11)
    assert result.exit_code == 0, result.output
    assert "Answer (Enter keeps yes)" in result.stdout
    diagnosis = load_map(target).diagnosis
    assert diagnosis.date.isoformat() == "2024-05-01"
    assert diagnosis.answers.changeable.note == "Tenancy rules changed"
    assert diagnosis.answers.complex.applies == "yes"
    assert diagnosis.decision == "go"


def test_quitting_on_the_summary_saves_nothing(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "commented.yaml")
    before = target.read_bytes()
    result = cli("diagnose", "-i", "--save", str(target), input="y\n\n" * 5 + "q\n")
    assert result.exit_code == 130
    assert "cancelled, nothing saved" in result.stderr
    assert target.read_bytes() == before


def test_input_that_ends_early_saves_nothing(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "commented.yaml")
    before = target.read_bytes()
    result = cli("diagnose", "-i", "--save", str(target), input="y\n\np\n")
    assert result.exit_code == 2
    assert "input ended before the questionnaire was finished; nothing saved" in result.stderr
    assert target.read_bytes() == before


def test_ctrl_c_saves_nothing_and_leaves_no_temporary_file(cli, tmp_path: Path,
                                                           monkeypatch) -> None:
    from cjmap.commands import diagnose_ui

    target = _copy(tmp_path, "commented.yaml")
    before = target.read_bytes()
    calls = []

    def interrupted(self, prompt):
        calls.append(prompt)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return "y"

    monkeypatch.setattr(diagnose_ui.RichPrompter, "ask", interrupted)
    result = cli("diagnose", "-i", "--save", str(target))
    assert result.exit_code == 130
    assert "cancelled, nothing saved" in result.stderr
    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["commented.yaml"]


def test_json_with_prompts_keeps_the_questions_off_standard_output(cli) -> None:
    result = cli("diagnose", "-i", "-f", "json", *DATE, input=ANSWER_ALL)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["points"] == 5
    assert "1 of 5 · Changeable" in result.stderr


# --- --save with given answers -------------------------------------------------------------------


def test_save_appends_the_block_leaving_the_rest_byte_for_byte(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "commented.yaml")
    original = target.read_bytes()
    result = cli("diagnose", *GO, "--save", str(target))
    assert result.exit_code == 0, result.output
    block = BLOCK_GO.replace("\n  ", "\n    ").replace("\n      ", "\n        ")
    assert target.read_bytes() == original + b"\n" + block.encode()
    assert cli("validate", str(target)).exit_code == 0


def test_save_replaces_the_block_in_a_crlf_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    original = (CASES / "with-diagnosis.yaml").read_bytes().replace(b"\n", b"\r\n")
    target.write_bytes(original)
    result = cli("diagnose", *NO_GO, "--save", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    head, tail = original.split(b"diagnosis:   #")
    assert data.startswith(head + b"diagnosis:\r\n  date: 2024-05-01\r\n")
    assert data.endswith(tail[tail.index(b"\r\n\r\n# This comment belongs"):])
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert load_map(target).diagnosis.decision == "no-go"


def test_save_keeps_a_stored_threshold(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "with-diagnosis.yaml")
    assert cli("diagnose", *GO, "--threshold", "6", "--save", str(target)).exit_code == 0
    assert load_map(target).diagnosis.threshold == 6
    assert "  decision: no-go\n  threshold: 6\n" in target.read_text()
    result = cli("diagnose", *GO, "--save", str(target), "--exit-code")
    assert result.exit_code == 3  # the stored threshold of 6 still applies
    assert cli("validate", "--strict", str(target)).exit_code == 0


def test_save_into_a_missing_map(cli, tmp_path: Path) -> None:
    result = cli("diagnose", *GO, "--save", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "does not exist: start a new map with --new TITLE" in result.stderr


def test_save_into_an_invalid_map_lists_its_problems_and_asks_nothing(cli,
                                                                      tmp_path: Path) -> None:
    target = tmp_path / "bad.yaml"
    target.write_text("cjmap: 1\njourney:\n  title: T\n  customer: C\n")
    result = cli("diagnose", "-i", "--save", str(target), input=ANSWER_ALL)
    assert result.exit_code == 1
    assert "bad.yaml:1:1: error:" in result.stderr and "steps" in result.stderr
    assert "is not a valid map: fix it first" in result.stderr
    assert "1 of 5" not in result.stdout
    assert target.read_text() == "cjmap: 1\njourney:\n  title: T\n  customer: C\n"


def test_save_into_a_map_that_is_not_utf8(cli, tmp_path: Path) -> None:
    target = tmp_path / "latin1.yaml"
    target.write_bytes(b"cjmap: 1\n# caf\xe9\n")
    result = cli("diagnose", *GO, "--save", str(target))
    assert result.exit_code == 1 and "not UTF-8" in result.stderr


# --- --new TITLE ---------------------------------------------------------------------------------


def test_new_starts_a_valid_map_named_after_the_title(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("diagnose", *GO, "--new", "Reporting a repair", "--customer", "Tenants")
    assert result.exit_code == 0, result.output
    created = tmp_path / "reporting-a-repair.yaml"
    assert "cjmap: created reporting-a-repair.yaml" in result.stderr
    text = created.read_text()
    assert text.startswith("# yaml-language-server: $schema=cjmap.schema.json\n")
    assert "\ncjmap: 1\n" in text  # the blank starter, as `cjmap new` writes it
    assert text.endswith("\n\n" + BLOCK_GO)
    journey = load_map(created)
    assert journey.journey.customer == "Tenants" and journey.steps[0].id == "first-step"
    assert cli("validate", str(created)).exit_code == 0


def test_new_refuses_to_overwrite_unless_forced(cli, tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text("keep me\n")
    args = ("diagnose", *GO, "--new", "T", "--customer", "C", "-o", str(target))
    result = cli(*args)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert target.read_text() == "keep me\n"
    assert cli(*args, "--force").exit_code == 0
    assert load_map(target).journey.title == "T"


def test_new_needs_a_customer_when_not_asking(cli, tmp_path: Path) -> None:
    result = cli("diagnose", *GO, "--new", "T", "-o", str(tmp_path / "m.yaml"))
    assert result.exit_code == 2 and "--new needs --customer" in result.stderr
    assert not (tmp_path / "m.yaml").exists()


def test_new_asks_for_the_customer_when_interactive(cli, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = cli("diagnose", "-i", "--new", "Moving in: week one", "-o",
                 str(tmp_path / "a-file" / "m.yaml"), input="\nNew tenants\n" + ANSWER_ALL)
    assert result.exit_code == 2 and "is a file" in result.stderr
    target = tmp_path / "sub" / "m.yaml"  # a missing folder is created, as `cjmap new` does
    result = cli("diagnose", "-i", "--new", "Moving in: week one", "-o", str(target), *DATE,
                 input="\nNew tenants\n" + ANSWER_ALL)
    assert result.exit_code == 0, result.output
    assert "This cannot be empty." in result.stdout
    assert "Enter create" in result.stdout
    journey = load_map(target)
    assert journey.journey.title == "Moving in: week one"
    assert journey.journey.customer == "New tenants"
    assert journey.diagnosis.answers.changeable.note == "Rules changed in April"


# --- cjmap validate on a stored diagnosis --------------------------------------------------------


def test_validate_warns_when_the_decision_does_not_follow(cli, tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    text = (CASES / "with-diagnosis.yaml").read_text().replace("decision: go", "decision: no-go")
    target.write_text(text)
    line = text.split("\n").index("  decision: no-go") + 1
    result = cli("validate", "-f", "parsable", str(target))
    assert result.exit_code == 0
    assert (f"{target}:{line}:13: warning: decision is `no-go` but the answers score 7 of 10 "
            "points, which is `go` (threshold 5) [diagnosis-decision]") in result.stdout
    assert cli("validate", "--strict", str(target)).exit_code == 1


def test_validate_accepts_a_decision_that_follows(cli, tmp_path: Path) -> None:
    result = cli("validate", "-f", "parsable", str(CASES / "with-diagnosis.yaml"))
    assert result.exit_code == 0 and "diagnosis-decision" not in result.stdout
    target = tmp_path / "map.yaml"
    text = (CASES / "with-diagnosis.yaml").read_text()
    target.write_text(text.replace("decision: go", "decision: no-go\n  threshold: 8"))
    result = cli("validate", "--strict", str(target))
    assert result.exit_code == 0, result.output


def test_a_saved_diagnosis_never_warns(cli, tmp_path: Path) -> None:
    target = _copy(tmp_path, "with-diagnosis.yaml")
    for answers in (GO, NO_GO):
        for threshold in ("1", "5", "10"):
            assert cli("diagnose", *answers, "-t", threshold, "--save", str(target)).exit_code == 0
            assert cli("validate", "--strict", str(target)).exit_code == 0


# --- answers are never lost: the offer to save, and one flow from the 5Cs to a map ------------


def test_finishing_without_save_prints_the_block_to_paste(cli) -> None:
    result = cli("diagnose", "--interactive", *DATE, input=ANSWER_ALL + "\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Save the answers into a map? Its path (Enter prints them to paste instead)" in out
    assert "Paste this block at the end of your map file" in out
    block = out[out.index("diagnosis:"):]
    assert "changeable: {applies: yes, note: Rules changed in April}" in block
    assert "decision: go" in block


def test_finishing_without_save_can_save_into_a_map(cli, tmp_path: Path) -> None:
    target = tmp_path / "repairs.yaml"
    assert cli("new", str(target), "--starter", "repairs", "--title", "Repairs",
               "--customer", "Tenants").exit_code == 0
    keys = ANSWER_ALL + f"{tmp_path / 'nothing.yaml'}\n{target}\n"
    result = cli("diagnose", "--interactive", *DATE, input=keys)
    assert result.exit_code == 0, result.output
    assert "There is no map at" in result.stdout
    assert f"saved the diagnosis to {target}" in result.stderr
    journey = load_map(target)
    assert journey.diagnosis is not None and journey.diagnosis.decision == "go"
    assert journey.diagnosis.answers.changeable is not None
    assert journey.diagnosis.answers.changeable.note == "Rules changed in April"


def test_ctrl_c_at_the_offer_says_nothing_saved(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from cjmap.commands import diagnose_ui

    answers = iter(ANSWER_ALL.split("\n")[:-1])  # the five answers and the summary's Enter

    def ask(self: object, prompt: object) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(diagnose_ui.RichPrompter, "ask", ask)
    result = cli("diagnose", "--interactive", *DATE)
    assert result.exit_code == 130 and "cancelled, nothing saved" in result.stderr


def test_one_flow_from_the_5cs_to_a_map_begun_from_a_starter(cli, tmp_path: Path) -> None:
    target = tmp_path / "repairs.yaml"
    result = cli("diagnose", "--new", "Getting a repair done", "--starter", "repairs",
                 "--customer", "Tenants reporting a repair", "--output", str(target), *GO)
    assert result.exit_code == 0, result.output
    journey = load_map(target)
    assert journey.journey.title == "Getting a repair done"
    assert journey.diagnosis is not None and journey.diagnosis.decision == "go"
    assert len(journey.steps) > 1  # the repairs starter's steps, not the blank one's
    assert cli("validate", str(target)).exit_code == 0


def test_starter_goes_with_new_and_must_exist(cli, tmp_path: Path) -> None:
    result = cli("diagnose", "--starter", "repairs", *GO)
    assert result.exit_code == 2 and "--starter goes with --new TITLE" in result.stderr
    result = cli("diagnose", "--new", "X", "--starter", "repiars", "--customer", "C",
                 "--output", str(tmp_path / "x.yaml"), *GO)
    assert result.exit_code == 2 and "did you mean repairs?" in result.stderr
