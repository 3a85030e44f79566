"""URL canonicalisation and near-duplicate detection: the same article under tracking
parameters, fragments and AMP variants is one URL; a wire story with a new dateline and
byline is a near-duplicate; a different story is not."""

from __future__ import annotations

import pytest

from bot.dedup import canonical_url, near_duplicate, signature, similarity

WIRE = ("Russia and Ukraine exchanged 390 prisoners on Friday in the first stage of a swap "
        "agreed in Istanbul, officials from both countries said. The exchange took place on the "
        "border with Belarus. Kyiv said more exchanges would follow over the weekend, and Moscow "
        "confirmed the numbers.")
REPUBLISHED = ("KYIV (Reuters) - " + WIRE.replace("on Friday", "on Friday, May 23,")
               + " Reporting by Jane Doe; editing by John Roe.")
OTHER = ("Wildfires in Alberta forced thousands from their homes as officials warned of more "
         "heat this week and crews fought flames near several towns, the provincial government "
         "said in a statement on Saturday evening.")


@pytest.mark.parametrize("variant", [
    "https://news.test/world/swap?utm_source=rss&utm_medium=feed",
    "https://news.test/world/swap#comments",
    "https://news.test/world/swap?fbclid=abc&gclid=def",
    "https://amp.news.test/world/swap",
    "https://news.test/world/swap/amp",
    "https://news.test/amp/world/swap",
    "https://news.test/world/swap?amp=1",
    "HTTPS://NEWS.test:443/world/swap",
])
def test_tracking_fragments_and_amp_variants_share_one_canonical_url(variant: str):
    assert canonical_url(variant) == "https://news.test/world/swap"


def test_meaningful_query_parameters_are_kept_in_a_stable_order():
    assert canonical_url("https://news.test/a?page=2&id=7&utm_campaign=x") == (
        "https://news.test/a?id=7&page=2")


def test_a_republished_wire_story_is_a_near_duplicate_and_another_story_is_not():
    wire, again, other = signature(WIRE), signature(REPUBLISHED), signature(OTHER)
    assert similarity(wire, again) >= 0.7 > similarity(wire, other)
    assert near_duplicate(again, [("d-other", other), ("d-wire", wire)]) == "d-wire"
    assert near_duplicate(other, [("d-wire", wire)]) is None


def test_a_bare_headline_is_too_short_to_call_a_near_duplicate():
    assert signature("Prisoner swap under way") == ""
