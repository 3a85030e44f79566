"""How well does the fold turn a rumour's evidence into its final state? Emergent dev set.

Each rumour's article headlines, in recorded order and with the journalists' stance labels,
are folded into a claim exactly as the product does (``bot.domain``). The journalists' label
gives the direction and the product's own cue reading (``bot.judgment``) the strength, as in
the judges: ``for`` is a report that resolves the claim where the headline reports completion or
a confirmation, and one that merely supports it (an outlet repeating the rumour) otherwise;
``against`` is a denial (a contradiction that reports it false); ``observing`` only discusses it.
``--for-resolves`` restores the older, naive reading (every ``for`` headline resolves). The final
state is compared with the rumour's final truth: true → resolved, false → refuted, unknown →
open or disputed. Gold directions isolate the fold from the stance model.

    python training/eval_emergent.py [--data ../shared/data/emergent-dev/rumours.jsonl] [--json]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import datetime
from pathlib import Path

from bot.domain.model import Claim, ClaimState, Document, Evidence, Modality, Progress, Stance
from bot.judgment.reading import read
from bot.judgment.rules import Target, cue_stance

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "emergent-dev" / "rumours.jsonl"
TRUTH = {"true": "resolved", "false": "refuted", "unknown": "open"}
STANCE = {"for": (Stance.RESOLVES, Progress.COMPLETE),
          "against": (Stance.CONTRADICTS, Progress.DENIED),
          "observing": (Stance.DISCUSSES, Progress.NONE)}


def load(path: Path) -> list[dict]:  # type: ignore[type-arg]
    """The rumours of a ``rumours.jsonl`` file, in file order."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def graded(claim: Claim, headline: str, at: datetime) -> tuple[Stance, Progress]:
    """A ``for`` headline as the judges weigh it: resolving only with a completion or
    confirmation cue, otherwise a report that supports the claim."""
    doc = Document("d", "s", "d", "outlet", "", headline, headline, at, "")
    target = Target(set(), claim.modality, claim.attributed_to, None, claim.id)
    for r in read(doc):
        stance, progress = cue_stance(target, r)
        if stance is Stance.RESOLVES:
            return stance, progress
    return Stance.SUPPORTS, Progress.NONE


def fold(rumour: dict, for_resolves: bool = False) -> ClaimState:  # type: ignore[type-arg]
    first = datetime.fromisoformat(rumour["recorded"].replace("Z", "+00:00"))
    claim = Claim("c", "s", rumour["claim"], "the rumour's first source", Modality.CLAIMS,
                  rumour["claim"], "d0", first)
    for i, a in enumerate(rumour["articles"]):
        stance, progress = STANCE[a["stance"]]
        at = datetime.fromisoformat(a["recorded"].replace("Z", "+00:00"))
        if a["stance"] == "for" and not for_resolves:
            stance, progress = graded(claim, a["headline"], at)
        claim.weigh(Evidence(f"e{i}", "c", f"d{i}", stance, a["headline"], a["source"], at, at,
                             progress))
    return claim.state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--for-resolves", action="store_true",
                        help="count every 'for' headline as resolving (the naive reading)")
    args = parser.parse_args()
    rumours = load(args.data)
    pairs: Counter[tuple[str, str]] = Counter()
    for r in rumours:
        pairs[(TRUTH[r["truth"]], graded_state(fold(r, args.for_resolves).value))] += 1
    report(summary(pairs, rumours), pairs, "folded", as_json=args.json)


def graded_state(state: str) -> str:
    """A claim's state as the rumour's truth is graded: disputed and stale are still open."""
    return "open" if state in ("open", "disputed", "stale") else state


def report(result: dict, pairs: Counter[tuple[str, str]], column: str, *,  # type: ignore[type-arg]
           as_json: bool, more: str = "") -> None:
    """Print ``result`` as one JSON object, or as a line and the confusion table."""
    if as_json:
        print(json.dumps(result))
        return
    print(f"{result['rumours']} rumours, accuracy {result['accuracy']:.3f} "
          f"(majority class {result['majority_baseline']:.3f}){more}")
    print_confusion(pairs, column)


LABELS = ("resolved", "refuted", "open")


def summary(pairs: Counter[tuple[str, str]], rumours: list[dict]) -> dict:  # type: ignore[type-arg]
    """Accuracy, confusion (gold → final state) and the majority-class baseline."""
    correct = sum(pairs[(x, x)] for x in LABELS)
    majority = max(Counter(TRUTH[r["truth"]] for r in rumours).values())
    return {"rumours": len(rumours), "accuracy": round(correct / len(rumours), 3),
            "confusion": {g: {p: pairs[(g, p)] for p in LABELS} for g in LABELS},
            "majority_baseline": round(majority / len(rumours), 3)}


def print_confusion(pairs: Counter[tuple[str, str]], column: str) -> None:
    print(f"gold \\ {column:<9}" + "  ".join(f"{p:>9}" for p in LABELS))
    for g in LABELS:
        print(f"{g:>14}   " + "  ".join(f"{pairs[(g, p)]:>9}" for p in LABELS))

if __name__ == "__main__":
    main()
