"""Shared helpers for the engine tests (expressions, content errors, play, fuzz).

Imported by the test modules as ``import conftest_engine_helpers as h``. It also makes the repository
importable when the package is not installed (``.venv/bin/pytest`` from a plain checkout).
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pytest  # noqa: E402

from game.engine import engine as eng  # noqa: E402
from game.engine.content import Loader, load_campaign  # noqa: E402
from game.engine.model import Campaign  # noqa: E402
from game.engine.problems import ContentError, Problem  # noqa: E402
from game.engine.state import GameState  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
MINI = FIXTURES / "mini"
BROKEN = FIXTURES / "broken"
CONTENT = REPO / "content"


# ---------------------------------------------------------------- folders

def copy_mini(tmp_path: Path, name: str = "mini") -> Path:
    """A private copy of the mini campaign, renamed so campaign.id still matches its folder."""
    dest = tmp_path / name
    shutil.copytree(MINI, dest)
    if name != "mini":
        patch(dest / "campaign.toml", 'id = "mini"', f'id = "{name}"')
    return dest


def patch(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file; fails loudly if the fixture no longer holds it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def write_campaign(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[Problem]:
    """Load a campaign that must fail; return the error problems it lists."""
    with pytest.raises(ContentError) as info:
        Loader(root).load()
    probs = [p for p in info.value.problems if p.severity == "error"]
    assert probs, "a ContentError must list at least one problem"
    return probs


def find(problems: list[Problem], fragment: str) -> Problem:
    """The one problem whose message contains ``fragment``."""
    hits = [p for p in problems if fragment in p.message]
    assert hits, f"no problem mentions {fragment!r}; got:\n" + "\n".join(p.format() for p in problems)
    return hits[0]


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle`` (so tests survive fixture edits)."""
    seen = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(f"{needle!r} not in {path}")


# ---------------------------------------------------------------- the lab campaign
# A small campaign built for the engine tests: a hub scene whose choices each do one thing.

LAB_CAMPAIGN = """\
[campaign]
id = "lab"
title = "Lab"
blurb = "A test bench."
start = "hub"
days = 3
finale = "judgement"
day_start = "hub"
start_hour = 7

[calendar]
2 = "market_day"

[scores.credit]
label = "Social Credit"
min = 350
max = 950
start = 600
bands = { poor = 350, fair = 550, good = 600, "very good" = 650, excellent = 700 }
domains = { society = 50, commerce = 50 }

[stats.money]
label = "Money"
start = 100
min = 0
max = 200
unit = "¥"

[flags]
marked = "On the court blacklist."
taxed = "You pay the choice tax."
social = "You listen to your friends."

[npc.li]
name = "Li Wei"
friend = true
scores = { credit = 400 }

[npc.bo]
name = "Bo"
scores = { credit = 800 }

[deck.pile]
fallback = "pile_empty"
"""

LAB_RULES = """\
[rule.up]
on = "act.up"
score = { credit = 60 }
domain = "commerce"
why = "You bought a state bond."

[rule.down]
on = "act.down"
score = { credit = -60 }
domain = "society"
why = "You posted an opinion."

[rule.night]
on = "act.night"
if = "hour >= 23"
score = { credit = -15 }
domain = "society"
why = "Gaming past midnight marks you as idle."

[rule.big]
on = "act.big"
score = { credit = 1000 }
domain = "commerce"
why = "A medal from the mayor."

[rule.tiny]
on = "act.tiny"
score = { credit = -1000 }
domain = "society"
why = "A court judgment."

[rule.bonus]
on = "act.bonus"
once = true
score = { credit = 5 }
domain = "commerce"
why = "A one-off welcome bonus."

[rule.tax]
every = "choice"
if = 'has("taxed")'
score = { credit = -1 }
domain = "commerce"
why = "Every act is taxed."

[rule.pull]
every = "day"
if = 'has("social")'
score = { credit = "(friends.mean.credit - credit) / 20" }
domain = "society"
why = "Your friends' scores pull on yours."
hidden = true

[rule.wage]
every = "day"
effects = { money = 10 }
why = "Your daily wage."

[rule.blacklist]
when = "credit < 500"
set = ["marked"]
goto = "notice"
why = "Below 500 the court lists you."
"""

LAB_GATES = """\
[job.clerk]
title = "Bank clerk"
needs = "credit >= 650"
why_not = "The bank hires from 650 up."

[travel.train]
title = "High-speed rail"
needs = 'not has("marked")'

[home.flat]
title = "A flat in town"
needs = "credit >= 700 and money >= 150"
"""


def _hub_choice(cid: str, extra: str) -> str:
    body = extra if "goto" in extra or "end_day" in extra else extra + 'goto = "hub"\n'
    return f'\n[[scene.hub.choice]]\nid = "{cid}"\ntext = "{cid.replace("_", " ").capitalize()}"\n{body}'


LAB_HUB = """\
[scene.hub]
title = "Home"
text = \"\"\"
Day {day}, {hour}:00. You have ¥{money} and {credit} points ({band("credit")}).
\"\"\"
""" + "".join(_hub_choice(cid, extra) for cid, extra in [
    ("up", 'does = ["act.up"]\n'),
    ("down", 'does = ["act.down"]\n'),
    ("night", 'hours = 16\ndoes = ["act.night"]\n'),
    ("nap", 'does = ["act.night"]\n'),
    ("big", 'does = ["act.big"]\n'),
    ("tiny", 'does = ["act.tiny"]\n'),
    ("bonus", 'does = ["act.bonus"]\n'),
    ("tax", 'set = ["taxed"]\n'),
    ("social", 'set = ["social"]\n'),
    ("earn", "effects = { money = 500 }\n"),
    ("spend", "effects = { money = -500 }\n"),
    ("halve", 'effects = { money = "-money / 2" }\n'),
    ("yacht", 'if = "money >= 1000"\nlocked = "You cannot afford a yacht."\n'),
    ("villa", 'if = "money >= 1000 and credit >= 600"\n'),
    ("apply", 'needs = "job.clerk"\n'),
    ("meet_bo", 'befriend = ["bo"]\n'),
    ("drop_li", 'unfriend = ["li"]\n'),
    ("draw", 'goto = "pile"\n'),
    ("trap", 'goto = "trap"\n'),
    ("sleep", "end_day = true\n"),
    ("sleep_down", 'does = ["act.down"]\nend_day = true\n'),
])

LAB_OTHER = """\
[scene.notice]
text = "A letter from the court."

[[scene.notice.choice]]
id = "read"
text = "Read it"
goto = "hub"

[scene.trap]
text = "A locked room."

[[scene.trap.choice]]
id = "pay"
text = "Pay the fine"
if = "money >= 1000"
goto = "hub"

[scene.market_day]
text = "Market day."

[[scene.market_day.choice]]
id = "browse"
text = "Browse"
goto = "hub"

[scene.s_a]
deck = "pile"
text = "Storylet A."

[[scene.s_a.choice]]
id = "back"
text = "Back"
goto = "hub"

[scene.s_b]
deck = "pile"
weight = "1 + 2"
text = "Storylet B."

[[scene.s_b.choice]]
id = "back"
text = "Back"
goto = "hub"

[scene.s_c]
deck = "pile"
if = "day >= 2"
repeat = true
text = "Storylet C."

[[scene.s_c.choice]]
id = "back"
text = "Back"
goto = "hub"

[scene.pile_empty]
text = "Nothing left."

[[scene.pile_empty.choice]]
id = "back"
text = "Back"
goto = "hub"

[scene.judgement]
routes = [
  { if = 'has("marked")', goto = "end_marked" },
  { if = "credit >= 700", goto = "end_high" },
  { goto = "end_plain" },
]

[scene.end_marked]
ending = true
text = "Blacklisted."

[scene.end_high]
ending = true
text = "A model citizen."

[scene.end_plain]
ending = true
text = "An ordinary life."
"""


def make_lab(tmp_path: Path) -> Path:
    return write_campaign(tmp_path / "lab", {
        "campaign.toml": LAB_CAMPAIGN, "rules.toml": LAB_RULES, "gates.toml": LAB_GATES,
        "scenes/hub.toml": LAB_HUB, "scenes/other.toml": LAB_OTHER,
    })


def load_lab(tmp_path: Path) -> Campaign:
    return load_campaign(make_lab(tmp_path))


# ---------------------------------------------------------------- playing

def play(camp: Campaign, st: GameState, *choices: str) -> list[eng.Outcome]:
    return [eng.choose(camp, st, c) for c in choices]


def random_run(camp: Campaign, seed: int, chooser_seed: int, max_steps: int,
               avoid: frozenset[str] = frozenset()) -> GameState:
    """Play to an ending, picking among the open choices with a seeded chooser."""
    pick = random.Random(chooser_seed)
    st = eng.new_game(camp, seed)
    steps = 0
    while not st.ended:
        assert steps < max_steps, (f"seed {seed}: no ending after {max_steps} choices "
                                   f"(day {st.day}, scene {st.scene!r}, last {st.log[-5:]})")
        ids = [c for c in eng.open_ids(camp, st) if c not in avoid]
        assert ids, f"seed {seed}: no open choice in {st.scene!r} on day {st.day}"
        eng.choose(camp, st, pick.choice(ids))
        steps += 1
    return st
