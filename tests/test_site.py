"""``cjmap site``: the pages, their links, grouping by journey, escaping and determinism."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from site_support import EXAMPLES, links, two_waves
from test_report_hostile import twins

from cjmap.site import SiteOptions, build_site
from cjmap.site import figures as site_figures

TODAY = dt.date(2026, 4, 1)


def test_site_command_builds_every_page(cli, tmp_path: Path) -> None:
    result = cli("site", str(two_waves(tmp_path / "maps")), "-o", str(tmp_path / "site"),
                 "--today", "2026-04-01")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert (site / "index.html").is_file() and (site / "actions.html").is_file()
    page = site / "journeys" / "repairs" / "index.html"
    for name in ("report-executive.html", "report-influencer.html", "report-front-line.html",
                 "slides-front-line.html", "repairs.yaml", "repairs.csv"):
        assert (page.parent / name).is_file(), name
    html = page.read_text(encoding="utf-8")
    assert 'tabindex="0" role="region" aria-label="Journey map' in html
    assert 'id="trend"' in html  # two waves of the same title
    assert "built a site of 3 maps" in result.output


def test_every_link_resolves_and_stays_inside(tmp_path: Path) -> None:
    site = build_site([two_waves(tmp_path / "maps")], SiteOptions(today=TODAY, workers=1))
    out = tmp_path / "site"
    from cjmap.site import write_site

    write_site(site, out)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 2 + 3 * 7
    for page in pages:
        for link in links(page):
            assert not re.match(r"^(https?:|//|file:)", link), (page, link)
            target = link.split("#")[0]
            if target:
                assert (page.parent / target).resolve().is_file(), (page, link)


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    maps = two_waves(tmp_path / "maps")
    first = build_site([maps], SiteOptions(today=TODAY, workers=1))
    second = build_site([maps], SiteOptions(today=TODAY, workers=2))
    assert first.files == second.files


def test_past_waves_are_grouped_under_their_journey(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(site_figures, "is_archived",
                        lambda journey: journey.journey.period == "2025/26 Q2")
    site = build_site([two_waves(tmp_path / "maps")], SiteOptions(today=TODAY, workers=1))
    index = site.files["index.html"].decode()
    section = index.split("Getting a repair done</h2>")[1].split("</section>")[0]
    assert "<caption>Current</caption>" in section
    assert "Past waves of Getting a repair done" in section
    assert section.index("2026/27 Q2") < section.index("2025/26 Q2")
    past = site.files["journeys/repairs-2025/index.html"].decode()
    assert "A past wave." in past and 'href="../repairs/index.html"' in past
    # The action plan leaves past waves out.
    assert "repairs-2025/" not in site.files["actions.html"].decode()


def test_action_plan_is_by_owner_with_overdue_first(tmp_path: Path) -> None:
    site = build_site([EXAMPLES / "repairs.yaml", EXAMPLES / "complaints.yaml"],
                      SiteOptions(today=dt.date(2027, 6, 1), workers=1))
    plan = site.files["actions.html"].decode()
    owners = re.findall(r'<h2 id="o\d+">([^<]+)</h2>', plan)
    assert owners == sorted(owners, key=lambda name: (name == "No owner", name.casefold()))
    for section in plan.split("<section")[1:]:
        statuses = re.findall(r"<td( class=\"overdue\")?>[^<]*</td>\n</tr>", section)
        flags = [bool(status) for status in statuses]
        assert flags == sorted(flags, reverse=True)
    assert "overdue by" in plan


def test_user_text_is_escaped(tmp_path: Path) -> None:
    hostile, _ = twins()
    path = tmp_path / "hostile.yaml"
    yaml = YAML()
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(hostile.model_dump(mode="json", by_alias=True, exclude_none=True), stream)
    site = build_site([path], SiteOptions(today=TODAY, workers=1))
    for name, data in site.files.items():
        if name.endswith(".html"):
            text = data.decode()
            assert "<script>alert" not in text and "<img src=x" not in text, name
            assert text.count("<script>") <= 1, name  # only the walk-through's own


def test_no_tsm_page_without_the_field(tmp_path: Path) -> None:
    from cjmap.model import Survey

    site = build_site([EXAMPLES / "repairs.yaml"], SiteOptions(today=TODAY, workers=1))
    if "tsm" not in Survey.model_fields:
        assert "tsm.html" not in site.files
        assert "TSM</a>" not in site.files["index.html"].decode()


def test_invalid_maps_are_left_out_with_exit_1(cli, tmp_path: Path) -> None:
    maps = two_waves(tmp_path / "maps")
    (maps / "broken.yaml").write_text("cjmap: 1\njourney: {}\n", encoding="utf-8")
    result = cli("site", str(maps), "-o", str(tmp_path / "site"), "--today", "2026-04-01")
    assert result.exit_code == 1
    assert "broken.yaml is not a valid map" in result.output


def test_a_missing_path_is_exit_2(cli, tmp_path: Path) -> None:
    result = cli("site", str(tmp_path / "nowhere"), "-o", str(tmp_path / "site"))
    assert result.exit_code == 2


def test_slides_from_report(cli, tmp_path: Path) -> None:
    import base64
    import hashlib

    result = cli("report", str(EXAMPLES / "repairs.yaml"), "--format", "slides",
                 "-a", "front-line", "--today", "2026-04-01")
    assert result.exit_code == 0
    html = result.output
    from cjmap.validate import load_map

    for step in load_map(EXAMPLES / "repairs.yaml").steps:
        assert f">{step.name.replace(chr(39), '&#39;')}</h2>" in html
    assert html.count("What changes tomorrow") == 6
    script = html.split("<script>")[1].split("</script>")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html


@pytest.mark.parametrize("audience", ["executive", "influencer"])
def test_slides_for_other_audiences_have_no_tomorrow(cli, audience: str) -> None:
    result = cli("report", str(EXAMPLES / "repairs.yaml"), "-f", "slides", "-a", audience)
    assert result.exit_code == 0 and "What changes tomorrow" not in result.output


def test_a_site_among_the_maps_is_not_validated_as_more_maps(cli, tmp_path: Path) -> None:
    import shutil

    maps = tmp_path / "repo"
    shutil.copytree(EXAMPLES, maps / "maps")
    result = cli("site", str(maps), "-o", str(maps / "site"), "--today", "2026-04-01")
    assert result.exit_code == 0, result.output
    assert list((maps / "site").rglob("*.yaml"))  # the downloads are there...
    checked = cli("validate", str(maps), "--format", "json")
    assert '"site' not in checked.stdout and "/site/" not in checked.stdout  # ...but not validated


def test_a_site_written_over_its_maps_is_refused(cli, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLES, tmp_path / "maps")
    before = sorted(path.name for path in (tmp_path / "maps").iterdir())
    result = cli("site", str(tmp_path / "maps"), "-o", str(tmp_path / "maps"))
    assert result.exit_code == 2
    assert "holds the maps the site is built from" in result.stderr
    assert sorted(path.name for path in (tmp_path / "maps").iterdir()) == before
