"""The shipped stance model: labels, probabilities and verbatim evidence."""

from __future__ import annotations

import pytest

from bot.judgment.stance import LABELS, StanceModel
from tests.judgment.sample import BODIES, ROWS


def test_evidence_is_a_verbatim_substring_of_the_body(model: StanceModel) -> None:
    pairs = [(h, BODIES[b]) for h, b, _ in ROWS]
    for (_, body), pred in zip(pairs, model.predict(pairs), strict=True):
        assert pred.evidence in body
        assert (pred.evidence == "") == (pred.label == "unrelated")


def test_probabilities_cover_all_labels_and_sum_to_one(model: StanceModel) -> None:
    for pred in model.predict([(ROWS[0][0], BODIES["1"])]):
        assert set(pred.probs) == set(LABELS)
        assert sum(pred.probs.values()) == pytest.approx(1.0, abs=1e-5)
        assert pred.label in LABELS


def test_obviously_unrelated_pair_is_unrelated(model: StanceModel) -> None:
    (pred,) = model.predict([("Apple is about to launch its own TV set", BODIES["1"])])
    assert pred.label == "unrelated"
    assert pred.evidence == ""


def test_on_topic_pair_is_related_with_evidence_from_the_body(model: StanceModel) -> None:
    (pred,) = model.predict([(ROWS[0][0], BODIES["1"])])
    assert pred.label != "unrelated"
    assert "meteorite" in pred.evidence.lower() or "crater" in pred.evidence.lower()


def test_shared_bodies_give_the_same_result_as_single_calls(model: StanceModel) -> None:
    pairs = [(h, BODIES[b]) for h, b, _ in ROWS]
    batched = model.predict(pairs)
    single = [model.predict([p])[0] for p in pairs]
    assert [p.label for p in batched] == [p.label for p in single]
    assert [p.evidence for p in batched] == [p.evidence for p in single]


def test_empty_input_gives_no_predictions(model: StanceModel) -> None:
    assert model.predict([]) == []


def test_the_cross_encoder_stack_is_used_when_asked(model: StanceModel) -> None:
    stacked = StanceModel.load(threads=1, embedder=model.embedder, cross_encoder=True)
    assert stacked.cross_encoder is not None and model.cross_encoder is None
    pairs = [(h, BODIES[b]) for h, b, _ in ROWS]
    plain, both = model.predict(pairs), stacked.predict(pairs)
    related = [i for i, p in enumerate(plain) if p.label != "unrelated"]
    assert related
    for i in related:  # same relatedness stage; the stance stage differs
        assert both[i].label != "unrelated"
        assert both[i].evidence in pairs[i][1]
    assert any(plain[i].probs != both[i].probs for i in related)


def test_the_calibrated_class_priors_in_config_move_the_stance(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import shutil

    from bot.judgment.stance.model import ARTIFACTS_DIR

    pairs = [(ROWS[0][0], BODIES["1"])]
    shipped = StanceModel.load()
    assert json.loads((ARTIFACTS_DIR / "config.json").read_text())["stance_bias"][2] == 0.0
    (base,) = shipped.predict(pairs)
    assert base.label not in ("unrelated", "disagree")
    art = tmp_path / "artifacts"
    shutil.copytree(ARTIFACTS_DIR, art)
    cfg = json.loads((art / "config.json").read_text())
    cfg["stance_bias"] = [-50.0, 50.0, -50.0]  # disagree outweighs anything the trees say
    (art / "config.json").write_text(json.dumps(cfg))
    (pred,) = StanceModel.load(artifacts_dir=art, embedder=shipped.embedder).predict(pairs)
    assert pred.label == "disagree"
    assert pred.probs["unrelated"] == pytest.approx(base.probs["unrelated"])


def test_stance_trees_of_another_width_are_refused_with_a_clear_error(
    model: StanceModel, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from bot.judgment.stance.model import ARTIFACTS_DIR, StanceModelError

    art = tmp_path / "artifacts"
    shutil.copytree(ARTIFACTS_DIR, art)
    # the relatedness trees read the 48 pair features only, not the stance stage's inputs
    shutil.copy(art / "relatedness.onnx", art / "stance_gbm.onnx")
    with pytest.raises(StanceModelError, match="takes 48 features"):
        StanceModel.load(artifacts_dir=art, embedder=model.embedder)
