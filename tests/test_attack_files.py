"""Attack suite, "never destroy a file": outputs onto inputs, special files, lost updates, and
what a file is (read-only, owner, hard links, temporaries)."""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from cjmap.writing import Fingerprint, WriteRefused, write_atomic

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "repairs.yaml"


@pytest.fixture
def a_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "a.yaml"
    shutil.copy(EXAMPLE, target)
    return target


SPELLINGS = ["a.yaml", "./a.yaml", "ABSOLUTE", "SYMLINK", "HARDLINK"]
COMMANDS = [
    ["render", "a.yaml", "-o", "{out}"],
    ["render", "a.yaml", "-f", "mermaid", "-o", "{out}"],
    ["render", "a.yaml", "-f", "png", "-o", "{out}"],
    ["export", "a.yaml", "-o", "{out}"],
    ["export", "a.yaml", "-f", "json", "-o", "{out}"],
    ["report", "a.yaml", "-o", "{out}"],
    ["actions", "a.yaml", "-o", "{out}"],
    ["tsm", "a.yaml", "-o", "{out}"],
    ["trend", "a.yaml", "--svg", "{out}"],
    ["schema", "-o", "{out}"],
]


def _spelling(a_map: Path, spelling: str) -> str:
    if spelling == "ABSOLUTE":
        return str(a_map.resolve())
    if spelling == "SYMLINK":
        (a_map.parent / "link.yaml").symlink_to(a_map.name)
        return "link.yaml"
    if spelling == "HARDLINK":
        os.link(a_map, a_map.parent / "hard.yaml")
        return "hard.yaml"
    return spelling


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c[:3]))
def test_an_output_that_is_an_input_is_refused(cli, a_map: Path, command, spelling) -> None:
    before = a_map.read_bytes()
    out = _spelling(a_map, spelling)
    result = cli(*[part.format(out=out) for part in command])
    assert result.exit_code == 2, result.output
    assert a_map.read_bytes() == before


def test_report_with_map_cannot_replace_the_map(cli, a_map: Path) -> None:
    before = a_map.read_bytes()
    (a_map.parent / "a.svg").symlink_to(a_map.name)
    result = cli("report", "a.yaml", "--with-map", "-o", "a.md")
    assert result.exit_code == 2
    assert a_map.read_bytes() == before


@pytest.mark.parametrize("device", ["/dev/null", "FIFO"])
def test_special_files_are_written_into_not_replaced(tmp_path: Path, device: str) -> None:
    if device == "FIFO":
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        write_atomic(fifo, "hello")
        assert os.read(reader, 100) == b"hello"
        os.close(reader)
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    else:
        write_atomic(device, "x" * 10)
        assert stat.S_ISCHR(os.stat(device).st_mode)


@pytest.mark.parametrize("kind", ["folder", "socket"])
def test_folders_and_other_special_targets_are_refused(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "t"
    if kind == "folder":
        target.mkdir()
    else:
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
    with pytest.raises(WriteRefused):
        write_atomic(target, "x")


def test_render_to_dev_null_and_a_folder(cli, a_map: Path) -> None:
    assert cli("render", "a.yaml", "-o", "/dev/null").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    (a_map.parent / "out.csv").mkdir()
    result = cli("export", "a.yaml", "-o", "out.csv")
    assert result.exit_code == 2 and "folder" in result.stderr


@pytest.mark.parametrize("change", ["append", "same-size", "replace"])
def test_an_edit_saved_meanwhile_is_not_overwritten(tmp_path: Path, change: str) -> None:
    target = tmp_path / "m.yaml"
    target.write_text("a: 1\n")
    seen = Fingerprint.of(target)
    if change == "append":
        target.write_text("a: 1\nb: 2\n")
    elif change == "same-size":
        target.write_text("a: 2\n")
    else:
        replacement = tmp_path / "other"
        replacement.write_text("a: 1\n")
        os.replace(replacement, target)
    edited = target.read_bytes()
    with pytest.raises(WriteRefused, match="changed while"):
        write_atomic(target, "formatted\n", expect=seen)
    assert target.read_bytes() == edited


@pytest.mark.parametrize("command", [["fmt"], ["diagnose", "--costly", "yes", "--save"]])
def test_fmt_and_diagnose_refuse_when_the_file_changes(cli, a_map: Path, monkeypatch, command):
    import cjmap.writing

    real = cjmap.writing.Fingerprint.of

    def edited_meanwhile(path, data=None):
        if data is None:  # the check just before replacing: the user saved meanwhile
            Path(path).write_text(Path(path).read_text() + "# edited\n")
        return real(path, data)

    a_map.write_text(a_map.read_text().replace("cjmap: 1", "cjmap:   1"))
    monkeypatch.setattr(cjmap.writing.Fingerprint, "of", staticmethod(edited_meanwhile))
    result = cli(*command, "a.yaml")
    assert result.exit_code == 2, result.output
    assert "changed while" in result.stderr
    assert a_map.read_text().endswith("# edited\n")


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o000])
def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "m.yaml"
    target.write_text("a: 1\n")
    target.chmod(mode)
    with pytest.raises(WriteRefused, match="read-only"):
        write_atomic(target, "b: 2\n")
    target.chmod(0o644)
    assert target.read_text() == "a: 1\n"


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_mode_owner_and_group_are_kept(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "m.yaml"
    target.write_text("a: 1\n")
    target.chmod(mode)
    if os.geteuid() == 0:
        os.chown(target, 1234, 5678)
    before = target.stat()
    write_atomic(target, "b: 2\n")
    after = target.stat()
    assert stat.S_IMODE(after.st_mode) == mode
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


@pytest.mark.parametrize("links", [2, 3])
def test_a_hard_linked_file_stays_one_file(tmp_path: Path, links: int) -> None:
    target = tmp_path / "m.yaml"
    target.write_text("a: 1\n")
    others = [tmp_path / f"link{n}.yaml" for n in range(links - 1)]
    for other in others:
        os.link(target, other)
    write_atomic(target, "b: 2\n")
    for other in others:
        assert other.read_text() == "b: 2\n"
        assert os.path.samefile(other, target)


@pytest.mark.parametrize("age", [3600, 86400])
def test_stale_temporaries_are_cleaned_and_never_look_like_maps(cli, tmp_path: Path, age) -> None:
    target = tmp_path / "m.yaml"
    shutil.copy(EXAMPLE, target)
    stale = tmp_path / ".m.yaml.abc123.tmp"
    stale.write_text("half a map")
    old = time.time() - age
    os.utime(stale, (old, old))
    fresh = tmp_path / ".m.yaml.def456.tmp"  # maybe another run, writing now: left alone
    fresh.write_text("in progress")
    write_atomic(target, target.read_text())
    assert not stale.exists() and fresh.exists()
    assert not any(p.name.endswith((".yaml.tmp", ".yaml")) and p.name.startswith(".")
                   for p in tmp_path.iterdir())
    assert cli("validate", str(tmp_path)).exit_code == 0
