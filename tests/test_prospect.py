"""The prospect-theory lab's maths: choices flip exactly where the theory says they must."""
from __future__ import annotations

import pytest

from usrussia.prospect import PRESETS, TVERSKY_KAHNEMAN_1992, Choice, preference, value


def test_value_function_shape():
    tk = TVERSKY_KAHNEMAN_1992
    assert value(0, **tk) == 0
    assert value(100, **tk) == pytest.approx(100 ** 0.88)
    assert value(-100, **tk) == pytest.approx(-2.25 * 100 ** 0.88)
    assert -value(-50, **tk) > value(50, **tk)  # losses loom larger than gains
    # concave for gains, convex for losses
    assert value(50, **tk) > (value(0, **tk) + value(100, **tk)) / 2
    assert value(-50, **tk) < (value(0, **tk) + value(-100, **tk)) / 2


def test_in_the_domain_of_losses_convexity_makes_the_gamble_attractive():
    choice = PRESETS["losses"]["choice"]
    assert choice.expected_gamble() == choice.sure  # same expected value: only the shape decides
    assert preference(choice, alpha=0.88, beta=0.88, lam=2.25) == "gamble"  # risk-seeking in losses
    assert preference(choice, alpha=0.88, beta=1.0, lam=2.25) == "indifferent"  # linear: no preference
    assert preference(choice, alpha=0.88, beta=1.2, lam=2.25) == "sure"  # concave losses: risk-averse


@pytest.mark.parametrize("lam", [0.5, 1.0, 2.25, 4.0])
def test_loss_aversion_does_not_change_a_choice_between_losses(lam):
    assert preference(PRESETS["losses"]["choice"], 0.88, 0.88, lam) == "gamble"


def test_loss_aversion_decides_a_mixed_gamble_and_flips_where_the_maths_says():
    choice = PRESETS["mixed"]["choice"]  # status quo against +100 / -60 at even odds
    alpha = beta = 1.0
    threshold = 100 / 60  # accept while 0.5*100 > 0.5*lam*60, i.e. lam < 100/60
    assert preference(choice, alpha, beta, threshold - 0.01) == "gamble"
    assert preference(choice, alpha, beta, threshold) == "indifferent"
    assert preference(choice, alpha, beta, threshold + 0.01) == "sure"
    assert preference(choice, **TVERSKY_KAHNEMAN_1992) == "sure"  # a positive expected value, refused


def test_a_sure_gain_is_preferred_to_a_fair_gamble_on_gains():
    choice = Choice(sure=50, p=0.5, good=100, bad=0)
    assert preference(choice, 0.88, 0.88, 2.25) == "sure"  # risk-averse in gains


def test_lab_widget_starts_from_the_estimates_and_offers_both_presets():
    from usrussia.widgets import ProspectLab

    lab = ProspectLab()
    assert (lab.alpha, lab.beta, lab.lam) == (0.88, 0.88, 2.25)
    assert lab.preference == "gamble"  # the losses preset
    assert [p["choice"]["sure"] for p in lab.presets] == [-75, 0]
    lab.beta = 1.2
    assert lab.preference == "sure"
    assert "export function preference" in lab._esm


def test_in_a_mixed_choice_between_losses_loss_aversion_flips_the_choice_at_its_threshold():
    # sure -50 against 50% +20 / 50% -120 (equal expected values); lambda* = 0.5*20**a / (0.5*120**b - 50**b)
    choice = Choice(sure=-50, p=0.5, good=20, bad=-120)
    alpha = beta = 0.88
    threshold = 0.5 * 20 ** alpha / (0.5 * 120 ** beta - 50 ** beta)
    assert threshold == pytest.approx(2.779152, abs=1e-6)
    assert preference(choice, alpha, beta, 2.25) == "gamble"
    assert preference(choice, alpha, beta, threshold + 0.01) == "sure"
    assert preference(choice, alpha, beta, threshold - 0.01) == "gamble"


def test_loss_curvature_flips_a_worse_gamble_at_its_threshold():
    # sure -50 against 50% -105 / 50% 0: the gamble is preferred while beta < ln 2 / ln 2.1
    import math
    choice = Choice(sure=-50, p=0.5, good=0, bad=-105)
    threshold = math.log(2) / math.log(2.1)
    assert preference(choice, 0.88, threshold - 0.001, 2.25) == "gamble"
    assert preference(choice, 0.88, threshold + 0.001, 2.25) == "sure"
