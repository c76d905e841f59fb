"""Atomic writes: all or nothing, permissions and symbolic links kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cjmap.writing import write_atomic


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.yaml", "cjmap: 1\r\nx: é\n")
    assert (tmp_path / "a.yaml").read_bytes() == "cjmap: 1\r\nx: é\n".encode("utf-8")
    write_atomic(tmp_path / "b.png", b"\x89PNG")
    assert (tmp_path / "b.png").read_bytes() == b"\x89PNG"


def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    write_atomic(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640 and path.read_text(encoding="utf-8") == "new"


def test_a_symbolic_link_keeps_pointing_at_its_file(tmp_path: Path) -> None:
    real = tmp_path / "maps" / "real.yaml"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(path, 12)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]
