"""The pre-commit hook as a council uses it: `pre-commit try-repo` and a config with args.

A snapshot of this working tree (committed into a temporary clone, as `try-repo` does for
uncommitted changes) is the hook repository; a temporary git repository with rubrics in
several places is the council's. pre-commit installs coprod into its own environment from
the package index, once for the module. Skipped, saying why, where pre-commit or git is not
installed (the test extra installs pre-commit).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "data" / "rubrics" / "mini.yaml"
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit")
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None,
    reason="pre-commit or git is not installed (pip install -e '.[test]' installs pre-commit)")

Git = Callable[..., str]


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree as it is now, committed into a clone: (path, commit)."""
    shadow = tmp_path_factory.mktemp("hooks") / "coprod"
    _git(REPO, "clone", "--quiet", "--no-checkout", str(REPO), str(shadow))
    git_dir = str(shadow / ".git")
    _git(REPO, f"--git-dir={git_dir}", f"--work-tree={REPO}", "add", "--all")
    _git(shadow, "commit", "--quiet", "--allow-empty", "-m", "snapshot of the working tree")
    _git(shadow, "checkout", "--quiet", "--force")
    return shadow, _git(shadow, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def council(tmp_path: Path, mini_text: str) -> Path:
    """A council's repository: rubrics in a nested rubrics/ folder and a *.rubric.yaml file,
    and a YAML file that is not a rubric (the hook must leave it alone)."""
    root = tmp_path / "council"
    for name, text in (("north/rubrics/north.yaml", mini_text),
                       ("policies/south.rubric.yml", mini_text),
                       ("config/settings.yaml", "not: [a, rubric]\n")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _git(root, "init", "--quiet")
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "-m", "rubrics")
    return root


def _pre_commit(council: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    for name in ("GIT_DIR", "GIT_INDEX_FILE", "GITHUB_ACTIONS", "COPROD_DEBUG"):
        env.pop(name, None)
    return subprocess.run([PRE_COMMIT, *args], cwd=council, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, check=False)


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_try_repo_checks_rubrics_anywhere_and_nothing_else(hook_repo, pre_commit_home,
                                                           council: Path) -> None:
    shadow, commit = hook_repo
    run = _pre_commit(council, pre_commit_home, "try-repo", str(shadow), "coprod-rubric-check",
                      "--ref", commit, "--all-files", "--verbose")
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"coprod rubric check\.+Passed", run.stdout), run.stdout
    # pre-commit may split the files between runs; together they are the two rubrics only
    counts = re.findall(r"(\d+) files? checked: 0 errors, 0 warnings", run.stdout)
    assert sum(map(int, counts)) == 2, run.stdout
    assert "settings.yaml" not in run.stdout

    _break(council / "policies" / "south.rubric.yml", "    activity: delivery\n    rung: together",
           "    activity: delivery\n    rung: top")
    _git(council, "add", "--all")
    run = _pre_commit(council, pre_commit_home, "try-repo", str(shadow), "coprod-rubric-check",
                      "--ref", commit, "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(r"coprod rubric check\.+Failed", run.stdout)
    assert "policies/south.rubric.yml:81:11: error [unknown-rung]" in run.stdout


def test_strict_passed_as_args_fails_on_warnings(hook_repo, pre_commit_home,
                                                 council: Path) -> None:
    shadow, commit = hook_repo
    _break(council / "north" / "rubrics" / "north.yaml", "    guidance: Run a short survey.\n", "")
    config = {"repos": [{"repo": str(shadow), "rev": commit,
                         "hooks": [{"id": "coprod-rubric-check"}]}]}
    (council / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(council, "add", "--all")
    lenient = _pre_commit(council, pre_commit_home, "run", "--all-files")
    assert lenient.returncode == 0, lenient.stdout + lenient.stderr

    config["repos"][0]["hooks"][0]["args"] = ["--strict"]
    (council / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(council, "add", "--all")
    strict = _pre_commit(council, pre_commit_home, "run", "--all-files")
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert "north/rubrics/north.yaml:57:9: warning [missing-guidance]" in strict.stdout
    assert "(--strict: warnings fail)" in strict.stdout


def test_the_readme_snippet_names_a_rev_that_exists_and_the_hook() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("With pre-commit, add to `.pre-commit-config.yaml`:", 1)[1]
    config = yaml.safe_load(re.search(r"```yaml\n(.*?)```", snippet, flags=re.DOTALL).group(1))
    (repo,) = config["repos"]
    assert repo["rev"] == "main"  # a branch every clone has; no tag has been released yet
    assert "pre-commit autoupdate" in snippet
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in HOOKS]
    assert HOOKS[0]["files"] in snippet  # the pattern is documented as it is


def test_the_hook_pattern_matches_rubrics_anywhere() -> None:
    pattern = re.compile(HOOKS[0]["files"])
    for path in ("rubrics/default.yaml", "councils/north/rubrics/a.yml", "x/mine.rubric.yaml",
                 "RUBRICS/A.YAML"):
        assert pattern.search(path), path
    for path in ("examples/youth-service.yaml", "myrubrics/a.yaml", "rubrics.yaml",
                 ".github/workflows/ci.yml"):
        assert not pattern.search(path), path
