"""bench.metrics against the worked example of Pradhan et al. (2014), Table 1 / Figure 1:
key {a,b,c} {d,e,f,g}, response {a,b} {c,d} {f,g,h,i}. The figures are the paper's."""

from __future__ import annotations

import pytest

from bench.metrics import Score, b_cubed, ceaf_e, conll, muc

KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc() -> None:
    s = muc(KEY, RESPONSE)
    assert (s.recall, s.precision) == pytest.approx((2 / 5, 2 / 5))


def test_b_cubed() -> None:
    s = b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx((4 / 3 + 1 / 3 + 1 / 4 + 4 / 4) / 7)  # 41.67
    assert s.precision == pytest.approx((4 / 2 + 2 / 2 + 4 / 4) / 8)  # 50.0


def test_ceaf_e() -> None:
    s = ceaf_e(KEY, RESPONSE)
    # the best alignment pairs {a,b,c} with {a,b} (0.8) and {d,e,f,g} with {f,g,h,i} (0.5)
    assert (s.recall, s.precision) == pytest.approx((1.3 / 2, 1.3 / 3))


def test_conll_is_the_mean_f1() -> None:
    m, b, c, f1 = conll(KEY, RESPONSE)
    assert f1 == pytest.approx((m.f1 + b.f1 + c.f1) / 3)


def test_identical_partitions_score_one() -> None:
    for score in conll(KEY, KEY)[:3]:
        assert (score.recall, score.precision) == (1.0, 1.0)


def test_singletons_carry_no_muc_link_but_count_elsewhere() -> None:
    key, response = [{"a"}, {"b"}], [{"a", "b"}]
    assert muc(key, response).recall_den == 0
    assert b_cubed(key, response).recall == 1.0
    assert b_cubed(key, response).precision == 0.5


def test_scores_add_up_before_dividing() -> None:
    one, two = muc(KEY, RESPONSE), muc([{"x", "y"}], [{"x", "y"}])
    total = one + two
    assert total.recall == pytest.approx((2 + 1) / (5 + 1))
    assert Score() + Score() == Score()
