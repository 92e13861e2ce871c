"""Finding a service's voice files among many: the right files, and no look at the others.

A portfolio over a council's folder has thousands of services with voice files beside their
answers files. Finding one service's files used to resolve every voice file of the run for
every service (services x voice files `realpath` calls: hours at 10,000 services); these tests
pin that each service gets exactly its own files, in order, each once, and that the work per
service does not grow with the number of other services' files.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import coprod_ladder.collect
import coprod_ladder.voice.find
from coprod_ladder.cli import app
from coprod_ladder.voice.find import (
    FoundVoices,
    PathsInFolders,
    Peeked,
    VoiceIndex,
    unclaimed_voice_files,
)

SERVICES = 40


def _voice(service: str) -> str:
    return (f"format: coprod-voice/1\nrubric: {{id: default, version: 2.2.0}}\n"
            f"service: {service}\nrespondents: []\n")


@pytest.fixture
def council(tmp_path: Path) -> Path:
    """SERVICES answers files in two area folders, each with one or two voice files beside it,
    and one more voice file for each in a voice folder."""
    for n in range(SERVICES):
        area = tmp_path / "answers" / ("north" if n % 2 else "south")
        area.mkdir(parents=True, exist_ok=True)
        (area / f"s{n:02d}.yaml").write_text(f"service:\n  id: s{n:02d}\n", encoding="utf-8")
        (area / f"s{n:02d}.voice.yaml").write_text(_voice(f"s{n:02d}"), encoding="utf-8")
        if n % 3 == 0:
            (area / f"s{n:02d}-spring.voice.yaml").write_text(_voice(f"s{n:02d}"),
                                                               encoding="utf-8")
    voices = tmp_path / "voices"
    voices.mkdir()
    for n in range(SERVICES):
        (voices / f"more-{n:02d}.yaml").write_text(_voice(f"s{n:02d}"), encoding="utf-8")
    return tmp_path


def _each_service_hears_its_own(council: Path, index: VoiceIndex) -> None:
    """Every service of `council` gets the voice files beside it (by name), then its one
    under the voice folder, each once."""
    answers = council / "answers"
    for n in range(SERVICES):
        area = answers / ("north" if n % 2 else "south")
        found = index.files_for(f"s{n:02d}", str(area / f"s{n:02d}.yaml"))
        beside = [str(area / f"s{n:02d}{tail}.voice.yaml")
                  for tail in (("-spring", "") if n % 3 == 0 else ("",))]
        assert list(found) == [*beside, str(council / "voices" / f"more-{n:02d}.yaml")]


def test_each_service_gets_its_own_voice_files_beside_then_under_voice_each_once(
        council: Path) -> None:
    answers = council / "answers"
    index = VoiceIndex(str(council / "voices"), [answers])
    _each_service_hears_its_own(council, index)
    assert index.files_for("nobody", str(answers / "north" / "nobody.yaml")) == ()
    # From standard input nothing is beside and no folder was searched: the voice folder only.
    stdin = VoiceIndex(str(council / "voices"))
    assert stdin.files_for("s01", None) == (str(council / "voices" / "more-01.yaml"),)


def test_finding_a_services_voice_files_does_not_resolve_every_other_services_files(
        council: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resolved: list[str] = []
    realpath = os.path.realpath

    def counted(path: str) -> str:
        resolved.append(path)
        return realpath(path)

    monkeypatch.setattr(os.path, "realpath", counted)  # as find.py calls it
    answers = council / "answers"
    index = VoiceIndex(str(council / "voices"), [answers])
    for n in range(SERVICES):
        area = answers / ("north" if n % 2 else "south")
        resolved.clear()
        assert index.files_for(f"s{n:02d}", str(area / f"s{n:02d}.yaml"))
        # Only this service's own files are resolved (to tell a file found twice), not every
        # voice file of the run (here 154) for each service.
        assert resolved and all(f"{n:02d}" in Path(path).name for path in resolved), resolved


def test_the_index_remembers_the_heads_of_voice_files_only(council: Path) -> None:
    # A run at 45,000 services holds its index to the end: what each answers file's head said
    # (nothing, for voices) is not kept, only each voice file's service.
    answers = council / "answers"
    index = VoiceIndex(str(council / "voices"), [answers])
    for n in range(SERVICES):
        area = answers / ("north" if n % 2 else "south")
        index.files_for(f"s{n:02d}", str(area / f"s{n:02d}.yaml"))
        assert not index.peek(str(area / f"s{n:02d}.yaml")).is_voice
    kept = list(index._peeked)
    assert kept and all(".voice." in name or "/voices/" in name for name in kept), kept


DATA = Path(__file__).parent / "data"
MINI_VOICE = ("format: coprod-voice/1\nrubric: {id: mini, version: 1.0.0}\n"
              "service: {service}\nrespondents: []\n")


@pytest.mark.parametrize("command", ["score", "portfolio"])
def test_a_run_lists_each_folder_once_and_tells_every_voice_file_it_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    # The voice files found when the command sorted its files by kind stand for the folders
    # searched: listing and peeking the folders again (once to find voice files, once more
    # for those no service claimed) held every path of the run at once, tens of megabytes at
    # 45,000 services.
    answers, voices = tmp_path / "answers", tmp_path / "voices"
    for folder in (answers / "north", answers / "south", voices):
        folder.mkdir(parents=True)
    shutil.copy(DATA / "answers" / "mini-service.yaml", answers / "north" / "harbour.yaml")
    for path, service in [(answers / "north" / "harbour.voice.yaml", "harbour-youth"),
                          (voices / "harbour-march.yaml", "harbour-youth"),
                          (answers / "south" / "gone.voice.yaml", "closed-service")]:
        path.write_text(MINI_VOICE.replace("{service}", service), encoding="utf-8")
    listed: list[str] = []
    entries = coprod_ladder.collect._entries

    def counted(folder: str, visited: set[int]):  # type: ignore[no-untyped-def]
        listed.append(folder)
        return entries(folder, visited)

    monkeypatch.setattr(coprod_ladder.collect, "_entries", counted)
    result = CliRunner().invoke(app, [
        command, str(answers), "--voice", str(voices), "--rubric", str(DATA / "rubrics" /
                                                                       "mini.yaml"),
        "--jobs", "1", "--out", str(tmp_path / "out")], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    # The answers folders once, when the files are sorted by kind; the voice folder once to
    # see it is there, once to find its voice files.
    assert sorted(listed) == sorted([str(answers), str(answers / "north"),
                                     str(answers / "south"), str(voices), str(voices)])
    # Still, the voice file of a service no answers file names is reported, once.
    assert result.stderr.count("[voice-no-answers]") == 1
    assert f"{answers / 'south' / 'gone.voice.yaml'}:3:1: error [voice-no-answers]" in (
        result.stderr)
    assert "1 service scored, 1 file failed" in result.output


@pytest.mark.parametrize("paths", [
    [],
    ["a.voice.yaml"],
    ["/a.voice.yaml", "/b.voice.yaml"],
    ["x/a.voice.yaml", "x/b.voice.yaml", "y/a.voice.yaml", "x/c.voice.yaml"],
    ["./x/a.voice.yaml", "x//b.voice.yaml", "x/a.voice.yaml", "a.voice.yaml", "Ŵ/ŷ.voice.yaml"],
])
def test_the_voice_files_a_run_found_come_back_spelled_and_ordered_as_given(
        paths: list[str]) -> None:
    # Held as names by folder (a quarter of the memory of whole paths at 34,000 files); the
    # findings that name them must still name each file as the command found it.
    held = PathsInFolders(paths)
    assert list(held) == paths
    assert bool(held) == bool(paths)


@pytest.mark.parametrize("paths", [
    ["a.voice.yaml"],
    ["x/a.voice.yaml", "x/b.voice.yaml", "y/a.voice.yaml", "x/c.voice.yaml"],
    ["./x/a.voice.yaml", "x//b.voice.yaml", "/a.voice.yaml", "Ŵ/ŷ.voice.yaml"],
])
def test_a_found_voice_file_is_made_again_from_its_place(paths: list[str]) -> None:
    held = PathsInFolders(paths)
    assert len(held) == len(paths)
    assert [held[at] for at in range(len(paths))] == paths
    with pytest.raises(IndexError):
        held[len(paths)]


SERVICE_IDS = st.sampled_from(["a", "a-b", "b", "b.1", "z9", None])


@given(st.lists(st.tuples(st.sampled_from(["x/", "y/", "x/z/", ""]), SERVICE_IDS),
                max_size=30),
       st.lists(SERVICE_IDS.filter(lambda s: s is not None), max_size=4))
def test_found_voice_files_are_claimed_as_reading_each_head_would_say(
        files: list[tuple[str, str | None]], scored: list[str]) -> None:
    # FoundVoices keeps what each head said packed into one string; what it answers must be
    # what asking every file would: each service's own files in the order found, and the
    # files no scored service names (or that name none) in the order found.
    paths = [f"{folder}{n}.voice.yaml" for n, (folder, _) in enumerate(files)]
    says = {path: service for path, (_, service) in zip(paths, files, strict=True)}
    found = FoundVoices(paths, lambda path: Peeked(True, says[path], 3) if says[path]
                        else Peeked(True))
    for service in ("a", "a-b", "b", "b.1", "z9", "c", ""):
        assert found.claims(service) == tuple(p for p in paths if says[p] == service)
    assert found.unclaimed(sorted(scored)) == [
        (p, says[p], 3 if says[p] else 1) for p in paths if says[p] not in scored]


def test_a_run_reads_what_each_voice_file_it_found_says_once_and_lists_no_folder_again(
        council: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # At 45,000 services every worker listed each folder again and kept what each of 34,000
    # voice files said (20 MB a worker); the command's own process read them all once more
    # to find those no service claimed. Now each head is read once, before workers start.
    from coprod_ladder.cli.inputs import collect_inputs

    answers = council / "answers"
    found = collect_inputs([answers], "score")
    index = VoiceIndex(str(council / "voices"), [answers])
    index.take_found(found.voice_files, found.given)
    heads: list[str] = []
    listed: list[str] = []
    read_head, listdir = coprod_ladder.voice.find.read_head, os.listdir
    monkeypatch.setattr(coprod_ladder.voice.find, "read_head",
                        lambda path: heads.append(path) or read_head(path))
    monkeypatch.setattr(os, "listdir", lambda folder: listed.append(folder) or listdir(folder))
    _each_service_hears_its_own(council, index)
    # Only the --voice folder, which the command did not search, is read here.
    assert {Path(p).parent for p in heads} == {council / "voices"}, heads
    assert all(str(answers) not in folder for folder in listed), listed
    heads.clear()
    # No head is read again to find the voice files no service claimed (those under --voice
    # were remembered when their services asked).
    assert unclaimed_voice_files([answers], index, [f"s{n:02d}" for n in range(SERVICES)]) == []
    assert heads == []


def test_an_answers_file_named_on_the_command_line_hears_the_voice_files_beside_it(
        council: Path) -> None:
    # Its folder was not searched, so the voice files beside it were not found: they are
    # listed, as before the command said what it found.
    from coprod_ladder.cli.inputs import collect_inputs

    north = council / "answers" / "north"
    found = collect_inputs([north / "s03.yaml"], "score")
    assert found.given == [str(north / "s03.yaml")] and found.voice_files == []
    index = VoiceIndex(None, [north / "s03.yaml"])
    index.take_found(found.voice_files, found.given)
    assert index.files_for("s03", str(north / "s03.yaml")) == (
        str(north / "s03-spring.voice.yaml"), str(north / "s03.voice.yaml"))


def test_a_voice_file_reached_by_two_names_in_a_searched_folder_is_heard_once(
        council: Path) -> None:
    # The search lists each file once however many names lead to it; the listing beside the
    # answers file, which a searched folder no longer needs, heard a hard link twice.
    from coprod_ladder.cli.inputs import collect_inputs

    north = council / "answers" / "north"
    os.link(north / "s01.voice.yaml", north / "s01-copy.voice.yaml")
    found = collect_inputs([council / "answers"], "score")
    index = VoiceIndex(None, [council / "answers"])
    index.take_found(found.voice_files, found.given)
    assert index.files_for("s01", str(north / "s01.yaml")) == (str(north / "s01-copy.voice.yaml"),)
