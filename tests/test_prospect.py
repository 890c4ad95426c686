"""The prospect-theory lab's maths: choices flip exactly where the theory says they must."""
from __future__ import annotations

from dataclasses import replace

import pytest

from usrussia.prospect import PRESETS, TVERSKY_KAHNEMAN_1992, Choice, advantage, preference, reference_flip, value


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


def test_lab_widget_starts_from_the_estimates_and_offers_the_three_presets():
    from usrussia.widgets import ProspectLab

    lab = ProspectLab()
    assert (lab.alpha, lab.beta, lab.lam, lab.reference) == (0.88, 0.88, 2.25, 0)
    assert lab.preference == "gamble"  # the losses preset
    assert [p["choice"]["sure"] for p in lab.presets] == [-75, 0, 50]
    assert all(p["choice"]["reference"] == 0 for p in lab.presets)  # a preset puts the reference point back at 0
    lab.beta = 1.2
    assert lab.preference == "sure"


def test_lab_widget_values_its_outcomes_from_its_reference_point():
    from usrussia.widgets import ProspectLab

    preset = PRESETS["reference"]["choice"]
    lab = ProspectLab(sure=preset.sure, p=preset.p, good=preset.good, bad=preset.bad)
    assert lab.preference == "sure"
    lab.reference = 100
    assert lab.choice == replace(preset, reference=100)
    assert lab.preference == "gamble"
    assert "reference" in lab.keys  # synced to the front end


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


# --- the reference point -------------------------------------------------------------------

OLD_RESULTS = [  # (choice, alpha, beta, lam, value of the gamble, value of the sure outcome), by hand
    (Choice(sure=-75, p=0.25, good=0, bad=-100), 0.88, 0.88, 2.25, -0.75 * 2.25 * 100 ** 0.88, -2.25 * 75 ** 0.88),
    (Choice(sure=0, p=0.5, good=100, bad=-60), 0.88, 0.88, 2.25, 0.5 * 100 ** 0.88 - 0.5 * 2.25 * 60 ** 0.88, 0.0),
    (Choice(sure=50, p=0.5, good=100, bad=0), 0.7, 1.1, 1.5, 0.5 * 100 ** 0.7, 50 ** 0.7),
]


def _old_values(choice: Choice, alpha: float, beta: float, lam: float) -> tuple[float, float]:
    """The gamble's and the sure outcome's values as the lab computed them before it had a reference point."""
    gamble = choice.p * value(choice.good, alpha, beta, lam) + (1 - choice.p) * value(choice.bad, alpha, beta, lam)
    return gamble, value(choice.sure, alpha, beta, lam)


@pytest.mark.parametrize("choice, alpha, beta, lam, gamble, sure", OLD_RESULTS)
def test_a_reference_point_of_zero_gives_the_old_results(choice, alpha, beta, lam, gamble, sure):
    assert choice.reference == 0  # the default
    assert (choice.gamble_value(alpha, beta, lam), choice.sure_value(alpha, beta, lam)) == \
        _old_values(choice, alpha, beta, lam)  # exactly, to the last bit
    assert choice.gamble_value(alpha, beta, lam) == pytest.approx(gamble)
    assert choice.sure_value(alpha, beta, lam) == pytest.approx(sure)
    assert replace(choice, reference=0.0) == choice


def test_outcomes_are_valued_from_the_reference_point():
    tk = TVERSKY_KAHNEMAN_1992
    choice = Choice(sure=50, p=0.5, good=100, bad=0, reference=70)
    assert choice.sure_value(**tk) == value(-20, **tk)  # 50 is a loss of 20 from 70
    assert choice.gamble_value(**tk) == pytest.approx(0.5 * value(30, **tk) + 0.5 * value(-70, **tk))
    assert choice.expected_gamble() == 50  # the expected outcome stays absolute
    # moving every outcome and the reference point together changes nothing
    moved = Choice(sure=80, p=0.5, good=130, bad=30, reference=100)
    assert moved.sure_value(**tk) == pytest.approx(choice.sure_value(**tk))
    assert moved.gamble_value(**tk) == pytest.approx(choice.gamble_value(**tk))


def _scale_free_gap(t: float, b: float = 0.88, lam: float = 2.25) -> float:
    """(1 - t)**b + 2*lam*t**b - lam*(1 + t)**b: the gamble's advantage for the reference preset,
    divided by 50**b / 2, at the reference point r = 50 + 50t (0 <= t <= 1), when alpha = beta = b.

    Derivation: for 50 <= r <= 100 the sure 50 is a loss of r - 50 = 50t, the gamble's 100 a gain of
    100 - r = 50(1 - t) and its 0 a loss of r = 50(1 + t), so the gamble's advantage is
    0.5 (50(1 - t))**b - 0.5 lam (50(1 + t))**b + lam (50t)**b; with alpha = beta, 50**b factors out.
    """
    return (1 - t) ** b + 2 * lam * t ** b - lam * (1 + t) ** b


def _bisect(f, low: float, high: float) -> float:
    assert f(low) * f(high) < 0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if (f(middle) > 0) == (f(low) > 0) else (low, middle)
    return (low + high) / 2


# The flip point, derived by hand: with alpha = beta = 0.88 and lam = 2.25, _scale_free_gap is
# 1 - 2.25 = -1.25 at t = 0 (r = 50: the sure thing) and 2.25 * (2 - 2 ** 0.88) = 0.3591... at t = 1
# (r = 100: the gamble). It has no closed-form root; solved separately when this test was written,
# it is zero at t* = 0.664461 (to six places: negative at 0.664460, positive at 0.664462), so
# r* = 50 + 50 t* = 83.2230. Below r = 50 there is no flip (the sure thing wins on the whole lab grid,
# checked below), so the lab, in steps of 5, shows the sure thing up to 80 and the gamble from 85.
FLIP = 83.2230


def test_the_reference_preset_flips_from_the_sure_thing_to_the_gamble_as_the_reference_point_rises():
    choice, tk = PRESETS["reference"]["choice"], TVERSKY_KAHNEMAN_1992
    assert (choice.sure, choice.p, choice.good, choice.bad, choice.reference) == (50, 0.5, 100, 0, 0)
    assert preference(choice, **tk) == "sure"  # r = 0: risk-averse in gains
    assert preference(replace(choice, reference=100), **tk) == "gamble"  # r = 100: risk-seeking in losses
    assert _scale_free_gap(0) == pytest.approx(-1.25)
    assert _scale_free_gap(1) == pytest.approx(2.25 * (2 - 2 ** 0.88))
    assert _scale_free_gap(0.664460) < 0 < _scale_free_gap(0.664462)  # the hand-derived root
    signs = [_scale_free_gap(i / 1000) > 0 for i in range(1001)]
    assert sum(a != b for a, b in zip(signs, signs[1:])) == 1  # one root in 0 <= t <= 1
    t_star = _bisect(_scale_free_gap, 0.0, 1.0)
    assert t_star == pytest.approx(0.664461, abs=1e-6)
    assert 50 + 50 * t_star == pytest.approx(FLIP, abs=1e-4)
    # the code's answer, found on the lab's whole range of reference points
    assert reference_flip(choice, **tk) == pytest.approx(50 + 50 * t_star, abs=1e-9)
    assert preference(replace(choice, reference=FLIP - 0.001), **tk) == "sure"
    assert preference(replace(choice, reference=FLIP + 0.001), **tk) == "gamble"
    # the scale-free gap is the code's advantage, rescaled
    for t in (0.1, 0.5, 0.9):
        expected = _scale_free_gap(t) * 50 ** 0.88 / 2
        assert advantage(replace(choice, reference=50 + 50 * t), **tk) == pytest.approx(expected)


def test_on_the_lab_slider_the_reference_preset_flips_once_between_80_and_85():
    choice, tk = PRESETS["reference"]["choice"], TVERSKY_KAHNEMAN_1992
    shown = {r: preference(replace(choice, reference=r), **tk) for r in range(-100, 101, 5)}
    assert {r for r, p in shown.items() if p == "gamble"} == set(range(85, 101, 5))
    assert shown[80] == "sure"


def test_with_linear_values_the_reference_preset_never_flips_on_the_slider():
    # alpha = beta = 1: for 50 <= r <= 100 the gamble's advantage is (lam - 1)(r - 100) / 2 (worked by
    # hand), negative below r = 100 and zero at r = 100, where the expected values, both losses, meet
    choice = PRESETS["reference"]["choice"]
    for r in (50, 60, 90, 100):
        assert advantage(replace(choice, reference=r), 1.0, 1.0, 2.25) == pytest.approx((2.25 - 1) * (r - 100) / 2)
    assert preference(replace(choice, reference=100), 1.0, 1.0, 2.25) == "indifferent"
    assert reference_flip(choice, 1.0, 1.0, 2.25) is None


def test_reference_flip_is_none_when_the_choice_does_not_change():
    # from r = 0 up, every outcome of the losses preset is a loss, and convexity keeps the gamble ahead
    assert reference_flip(PRESETS["losses"]["choice"], 0.88, 0.88, 2.25, low=0, high=100) is None
    assert reference_flip(PRESETS["losses"]["choice"], 0.88, 0.88, 2.25) is not None  # below 0 it flips
