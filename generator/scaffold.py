"""``explainer new DIR``: a new project with one source, one person and one event.

The example is written to build as it is, so a newcomer sees a working site
before changing anything; every quote in it stands in the example seed. Beside
it come what a newsroom needs to publish from a repository of its own: a
``.gitignore``, a README, a ``requirements.txt`` that pins the tool, and a GitHub
Pages workflow that checks, builds and deploys.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator import __version__
from generator.errors import UsageError
from generator.schema import GLOBS, KINDS, schema

_SEED = """Example Gazette

A resident of the village of Examplefield, Dana Example, was taken from her home
on March 3, 2024, the village council said.
Replace this file with a real article, exactly as received.
"""

_FILES = {
    "seeds/example-article.txt": _SEED,
    "content/site.yaml": """\
title: "An example explainer"
description: "An example of a cited explainer built with hostage-explainer."
language: en
intro: |
  This is an example. Every statement on this site cites a verbatim passage of a source article.
about: |
  Replace this text with how your explainer is made and sourced.

# Where the site is published, such as https://example.org/explainer/. With it, canonical
# links, the sitemap and the feed carry full addresses, and build, serve and verify need
# no --base-url. Without it the site is built for / and its links are paths: fine for a
# preview. The GitHub Pages workflow gives the Pages address itself (a flag wins).
# base_url: https://example.org/explainer/

# The folder `explainer build` writes to, relative to this project (default: site).
# output: site
""",
    "content/sources/example-gazette.yaml": """\
seed: example-article.txt
outlet: Example Gazette
language: en
published:
  date: "2024-03"
  basis: inferred
  evidence: "The example article carries no date; it reports an event of 3 March 2024."
hide:
  - text: "Replace this file with a real article, exactly as received."
not_used:
  - text: "Example Gazette"
    reason: "The paper's name above the article: the outlet, given above, not part of the report."
acknowledged:
  - check: no-url
    reason: "An example article has no address; give a real article's url instead."
  - check: inferred-date
    reason: "The example article carries no date; a real one usually does."
""",
    "content/people/dana-example.yaml": """\
name: Dana Example
role: hostage
summary:
  - text: "The Example Gazette reported that Dana Example was taken from her home in Examplefield."
    cite:
      - source: example-gazette
        quote: "Dana Example, was taken from her home on March 3, 2024"
captivity:
  abducted: "2024-03-03"
  place: Examplefield
  cite:
    - source: example-gazette
      quote: "was taken from her home on March 3, 2024"
""",
    "content/events/2024.yaml": """\
- id: dana-example-taken
  date: "2024-03-03"
  title: "Dana Example taken from her home, the village council said"
  kind: abduction
  people: [dana-example]
  body: "The Example Gazette reported the village council's account."
  cite:
    - source: example-gazette
      quote: "A resident of the village of Examplefield, Dana Example, was taken from her home"
""",
}


def new_project(folder: Path) -> None:
    """Create a new explainer project in ``folder``, which must be missing or empty.

    Each file is created, never replaced ('x'): a file that appears meanwhile is kept.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} exists and is not an empty folder; choose a new one")
    files = {
        **_FILES,
        **_publishing(folder.resolve().name or "explainer"),
        **editor_settings(),
    }
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as f:
                f.write(text)
        except FileExistsError:
            raise UsageError(f"{path} appeared while the project was made; left as it is") from None


SCHEMAS = ".explainer/schemas"
"""Where a project keeps the case files' JSON Schemas, for the editor's YAML language server."""


def editor_settings() -> dict[str, str]:
    """The schema of each case-file kind, and the editor settings that map the files to them.

    VS Code's YAML extension reads ``yaml.schemas`` from ``.vscode/settings.json``;
    other editors' YAML language servers take the same mapping in their own settings
    (the project's README stub says where the schemas are).
    """
    files = {
        f"{SCHEMAS}/{kind}.schema.json": json.dumps(schema(kind), indent=2) + "\n" for kind in KINDS
    }
    mapping = {f"./{SCHEMAS}/{kind}.schema.json": GLOBS[kind] for kind in KINDS}
    files[".vscode/settings.json"] = json.dumps({"yaml.schemas": mapping}, indent=2) + "\n"
    return files


def _publishing(name: str) -> dict[str, str]:
    """The files that make the project ready to publish, named for its folder."""
    return {
        ".gitignore": _GITIGNORE,
        "README.md": _README.replace("{name}", name),
        "requirements.txt": _REQUIREMENTS.replace("{version}", __version__),
        ".github/workflows/pages.yml": _WORKFLOW,
    }


_GITIGNORE = """\
# What `explainer build` makes: the site, and what an interrupted build leaves beside it
# (staging folders named after the output folder; change these three if you set output:).
/site/
/.site.new-*/
/.site.old-*/
# Python
.venv/
__pycache__/
"""

_PLACEHOLDER = "YOUR-ORG"
"""Stands for the owner of the copy of hostage-explainer to install, until replaced."""

_REQUIREMENTS = f"""\
# The tool that builds this explainer, pinned so that a build next year makes the same site.
# hostage-explainer is not on PyPI: install it from the git repository you get it from,
# at a tag or commit. Replace {_PLACEHOLDER} (and the tag, if need be) with yours; the
# workflow refuses to run until you do.
hostage-explainer @ git+https://github.com/{_PLACEHOLDER}/hostage-explainer@v{{version}}
"""


_README = """\
# {name}

A cited explainer built with hostage-explainer: every statement on the site cites a verbatim
passage of a news article, and every build checks each quote against its article, word for word.

## Where to edit

- `seeds/`: the articles, as plain text, exactly as received.
- `content/sources/`: one file per article: its outlet, date and address.
- `content/people/` and `content/events/`: the profiles and the timeline, each statement cited.
- `content/site.yaml`: the title, description, language, introduction and about page, and
  `base_url`, the address the site is published at.
- `templates/` (optional): your versions of the theme's templates, by the same names.

Editors with a YAML language server (VS Code's YAML extension, Neovim's yamlls) complete the
fields and mark errors as you type: `.vscode/settings.json` maps each kind of file to its JSON
Schema in `.explainer/schemas/`; give other editors the same mapping.

## Check, preview, build

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
    .venv/bin/explainer check --strict   # every check of the build; writes nothing
    .venv/bin/explainer serve            # preview at http://127.0.0.1:8000, reloads on save
    .venv/bin/explainer build            # the site, into site/

## Publish

`.github/workflows/pages.yml` checks and builds every pull request, and publishes the site to
GitHub Pages on every push to `main`. Once, before the first push: point `requirements.txt` at
your copy of hostage-explainer, and choose "GitHub Actions" as the source under
Settings > Pages.
"""

_WORKFLOW = """\
# Check, build and (from main) publish the explainer on GitHub Pages.
# Pull requests are checked and built, and their site is kept as an artifact; pushes to main
# deploy it. Once: choose "GitHub Actions" as the source under Settings > Pages.
name: Site

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:

# Nothing by default; each job asks for what it needs.
permissions: {}

# One run per branch or pull request at a time; a newer push cancels an older pull-request run,
# but never a deploy in progress.
concurrency:
  group: pages-${{ github.ref }}
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

jobs:
  build:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
      pages: read
    steps:
      - uses: actions/checkout@v5
        with:
          persist-credentials: false
      - uses: actions/setup-python@v6
        with:
          python-version: "3.11"
          cache: pip
          cache-dependency-path: requirements.txt
      # hostage-explainer is not on PyPI: requirements.txt pins it by its git address.
      - name: Install hostage-explainer
        run: |
          if grep -q "git+https://github.com/{placeholder}/" requirements.txt; then
            echo "::error file=requirements.txt::name your copy of hostage-explainer in it"
            exit 1
          fi
          python -m pip install -r requirements.txt
      - name: Check every quote against its article
        run: explainer check --strict --format github
      # The Pages configuration gives the site's address (https://<owner>.github.io/<repo>/ for a
      # project site, or a custom domain). Pull requests, which may come from forks without access
      # to it, build for the project-site address instead.
      - name: Read the Pages configuration
        id: pages
        if: github.event_name != 'pull_request'
        uses: actions/configure-pages@v6
      - name: Build the site
        env:
          PAGES_URL: ${{ steps.pages.outputs.base_url }}
          OWNER: ${{ github.repository_owner }}
          REPO: ${{ github.event.repository.name }}
        run: explainer build --out site --base-url "${PAGES_URL:-https://$OWNER.github.io/$REPO}/"
      - name: Upload the built site
        uses: actions/upload-pages-artifact@v4
        with:
          path: site/

  deploy:
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-24.04
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
""".replace("{placeholder}", _PLACEHOLDER)
