"""Fine-tune the stance cross-encoder (agree/disagree/discuss) from all-MiniLM-L6-v2.

Input: the ``fit`` related pairs as ``headline [SEP] evidence sentences`` (evidence chosen by
``bot.judgment.stance.features.select_evidence``), 128 tokens, class-weighted cross-entropy.
By default the whole model is fine-tuned under bf16 autocast (AMX on this CPU: ~30 pairs/s on 2
cores).  With ``--frozen N`` the embeddings and lowest N layers stay frozen; their outputs are
computed once and cached, and only the top layers, pooler and classifier are trained.
Output: ``bot/judgment/stance/artifacts/cross_encoder.onnx`` (int8) + ``tokenizer.json`` and
``training/out/ce_logits.npz`` (ONNX logits on calib and val, for the stacker).
Run:  python training/train_crossenc.py [--epochs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import time
from collections.abc import Callable

import common
import numpy as np
import torch
from export_onnx import MINILM, export_classifier
from transformers import AutoModelForSequenceClassification

from bot.judgment.stance.crossenc import CrossEncoder, encode_pairs, load_pair_tokenizer, pad

SEED = 7


def batches(n: int, size: int, rng: np.random.Generator, lengths: list[int]) -> list[np.ndarray]:
    """Shuffled batches of similar length (chunked sort inside random pools of 50 batches)."""
    perm = rng.permutation(n)
    pools = [perm[i : i + size * 50] for i in range(0, n, size * 50)]
    out = []
    for pool in pools:
        pool = pool[np.argsort([lengths[i] for i in pool], kind="stable")]
        out.extend(pool[i : i + size] for i in range(0, len(pool), size))
    rng.shuffle(out)  # type: ignore[arg-type]
    return out


def epoch_batches(
    y: np.ndarray, args: argparse.Namespace, rng: np.random.Generator, lengths: list[int]
) -> list[np.ndarray]:
    """One epoch: every agree/disagree pair plus a fresh sample of ``max_discuss`` discuss."""
    discuss = np.flatnonzero(y == 2)
    sample = rng.choice(discuss, size=min(len(discuss), args.max_discuss), replace=False)
    chosen = np.concatenate([np.flatnonzero(y != 2), np.sort(sample)])
    return [chosen[b] for b in batches(len(chosen), args.batch, rng, [lengths[i] for i in chosen])]


def bottom_states(
    model: torch.nn.Module, ids: list[list[int]], types: list[list[int]], n_frozen: int
) -> list[torch.Tensor]:
    """Hidden states after the frozen embeddings + lowest ``n_frozen`` layers (fp16, cached)."""
    bert = model.bert  # type: ignore[union-attr]
    out: list[torch.Tensor] = [torch.empty(0)] * len(ids)
    order = np.argsort([len(x) for x in ids], kind="stable")
    with torch.no_grad():
        for start in range(0, len(order), 64):
            idx = order[start : start + 64]
            input_ids, mask = pad([ids[i] for i in idx])
            type_ids, _ = pad([types[i] for i in idx])
            h = bert.embeddings(
                input_ids=torch.from_numpy(input_ids), token_type_ids=torch.from_numpy(type_ids)
            )
            ext = additive_mask(torch.from_numpy(mask))
            for layer in bert.encoder.layer[:n_frozen]:
                h = layer(h, ext)
            for j, i in enumerate(idx):
                out[i] = h[j, : len(ids[i])].to(torch.float16)
    return out


def additive_mask(mask: torch.Tensor) -> torch.Tensor:
    return ((1.0 - mask[:, None, None, :].float()) * -1e9).float()


def top_logits(model: torch.nn.Module, states: list[torch.Tensor], n_frozen: int) -> torch.Tensor:
    width = max(x.shape[0] for x in states)
    h = torch.zeros((len(states), width, states[0].shape[1]))
    mask = torch.zeros((len(states), width))
    for j, x in enumerate(states):
        h[j, : x.shape[0]] = x.float()
        mask[j, : x.shape[0]] = 1.0
    ext = additive_mask(mask)
    bert = model.bert  # type: ignore[union-attr]
    for layer in bert.encoder.layer[n_frozen:]:
        h = layer(h, ext)
    return model.classifier(model.dropout(bert.pooler(h)))  # type: ignore[operator]


_AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|did|does)\b(?! not\b)")


def negated(headline: str) -> str:
    """The headline with its first auxiliary negated ("X has left" -> "X has not left"), or ""
    when it has none. Paired with evidence that agrees with the original, it is a disagreement:
    synthetic contradictions, the class FNC-1 has fewest of (about 2 % of pairs)."""
    m = _AUX.search(headline)
    return f"{headline[: m.end()]} not{headline[m.end():]}" if m else ""


def load_fit(
    args: argparse.Namespace,
) -> tuple[torch.Tensor, list[list[int]], list[list[int]], torch.Tensor]:
    """Labels, token ids, token type ids and class weights of the fit related pairs."""
    fit = common.featurize_all()["fit"]
    keep = [i for i, y in enumerate(fit["y"]) if y != 3]  # type: ignore[attr-defined]
    y = torch.tensor([fit["y"][i] for i in keep])  # type: ignore[index]
    pairs = [(fit["head"][i], fit["evidence"][i]) for i in keep]  # type: ignore[index]
    if args.augment:
        extra = [(neg, e) for (h, e), label in zip(pairs, y.tolist(), strict=True)
                 if label == 0 and (neg := negated(h))]
        pairs += extra
        y = torch.cat([y, torch.ones(len(extra), dtype=y.dtype)])
        print(f"augmented: {len(extra)} disagree pairs from negated agree headlines")
    ids, types = encode_pairs(load_pair_tokenizer(MINILM / "tokenizer.json"), pairs)
    counts = np.bincount(y.numpy(), minlength=3)
    counts[2] = min(counts[2], args.max_discuss)
    weights = torch.tensor((counts.sum() / counts) ** args.weight_power, dtype=torch.float32)
    weights = weights / weights.mean()
    print(f"train pairs {len(y)} counts {counts.tolist()} class weights {weights.tolist()}")
    return y, ids, types, weights


def full_logits(
    model: torch.nn.Module, ids: list[list[int]], types: list[list[int]]
) -> torch.Tensor:
    input_ids, mask = pad(ids)
    type_ids, _ = pad(types)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out = model(
            input_ids=torch.from_numpy(input_ids),
            attention_mask=torch.from_numpy(mask),
            token_type_ids=torch.from_numpy(type_ids),
        )
    return out.logits.float()  # type: ignore[no-any-return]


def fit(
    model: torch.nn.Module,
    params: list[torch.nn.Parameter],
    forward: Callable[[np.ndarray], torch.Tensor],
    y: torch.Tensor,
    lengths: list[int],
    weights: torch.Tensor,
    args: argparse.Namespace,
    log_every: int,
) -> torch.nn.Module:
    """AdamW with linear warm-up (6 %) and decay over ``args.epochs`` of length-bucketed batches;
    ``forward`` gives the logits of a batch of pair indices."""
    rng = np.random.default_rng(SEED)
    steps = [epoch_batches(y.numpy(), args, rng, lengths) for _ in range(args.epochs)]
    total = sum(len(s) for s in steps)
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / (0.06 * total), max(0.0, (total - s) / (0.94 * total)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    model.train()
    step, t0 = 0, time.time()
    for epoch, chunk in enumerate(steps):
        for idx in chunk:
            loss = loss_fn(forward(idx), y[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step(), sched.step(), opt.zero_grad()
            step += 1
            if step % log_every == 0 or step == args.max_steps:
                rate = step * args.batch / (time.time() - t0)
                print(
                    f"epoch {epoch} step {step}/{total} loss {loss.item():.3f} {rate:.1f} pairs/s",
                    flush=True,
                )
            if step == args.max_steps:
                return model.eval()
    return model.eval()


def train_full(args: argparse.Namespace) -> torch.nn.Module:
    """Fine-tune every layer under bf16 autocast (fp32 master weights)."""
    y, ids, types, weights = load_fit(args)
    torch.manual_seed(SEED)
    model = AutoModelForSequenceClassification.from_pretrained(str(MINILM), num_labels=3)

    def forward(idx: np.ndarray) -> torch.Tensor:
        return full_logits(model, [ids[i] for i in idx], [types[i] for i in idx])

    lengths = [len(x) for x in ids]
    return fit(model, list(model.parameters()), forward, y, lengths, weights, args, 50)


def train(args: argparse.Namespace) -> torch.nn.Module:
    if args.frozen == 0:
        return train_full(args)
    y, ids, types, weights = load_fit(args)
    torch.manual_seed(SEED)
    model = AutoModelForSequenceClassification.from_pretrained(str(MINILM), num_labels=3)
    model.eval()
    t0 = time.time()
    key = hashlib.sha1(repr(ids).encode()).hexdigest()[:10]
    cache = common.OUT / f"ce_states_frozen{args.frozen}_{key}.pt"
    if cache.exists():
        states = torch.load(cache)
    else:
        states = bottom_states(model, ids, types, args.frozen)
        torch.save(states, cache)
    print(f"cached frozen layers in {time.time() - t0:.0f}s", flush=True)
    params = [p for layer in model.bert.encoder.layer[args.frozen :] for p in layer.parameters()]
    params += list(model.bert.pooler.parameters()) + list(model.classifier.parameters())

    def forward(idx: np.ndarray) -> torch.Tensor:
        return top_logits(model, [states[i] for i in idx], args.frozen)

    return fit(model, params, forward, y, [len(x) for x in ids], weights, args, 100)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=6e-5)
    p.add_argument("--max-discuss", type=int, default=100_000, help="discuss pairs per epoch")
    p.add_argument("--frozen", type=int, default=0, help="lowest layers kept frozen (cached)")
    p.add_argument("--weight-power", type=float, default=0.5,
                   help="class weights (n / n_class) ** power: 0.5 square root, 1 balanced")
    p.add_argument("--augment", action=argparse.BooleanOptionalAction, default=True,
                   help="add negated agree headlines as disagree pairs")
    p.add_argument("--max-steps", type=int, default=-1, help="stop early (speed checks only)")
    args = p.parse_args()
    torch.set_num_threads(2)
    t = time.time()
    model = train(args)
    print(f"training wall {time.time() - t:.0f}s")
    if args.max_steps > 0:
        return
    torch.save(model.state_dict(), common.OUT / "cross_encoder_torch.pt")
    export_classifier(model, MINILM / "tokenizer.json", common.ART)
    ce = CrossEncoder(common.ART / "cross_encoder.onnx", common.ART / "tokenizer.json")
    data = common.featurize_all()
    out = {
        k: ce.logits(list(zip(v["head"], v["evidence"], strict=True)))  # type: ignore[call-overload]
        for k, v in data.items()
        if k != "fit"
    }
    np.savez_compressed(common.OUT / "ce_logits.npz", **out)
    print(f"wrote cross-encoder; total wall {time.time() - t:.0f}s")


if __name__ == "__main__":
    main()
