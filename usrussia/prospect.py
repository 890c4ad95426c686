"""Prospect theory, as the prospect-theory lab computes it (Kahneman and Tversky 1979).

Outcomes are gains or losses against a reference point. The value function is concave for gains,
convex for losses, and steeper for losses than for gains:

    v(x) = x ** alpha                  for x >= 0
    v(x) = -lam * (-x) ** beta         for x < 0

Outcomes are entered in absolute terms and valued from a reference point r, as v(x - r); with
r = 0 (the default) an outcome is its own gain or loss.

Tversky and Kahneman (1992) estimated alpha = beta = 0.88 and lam = 2.25. A prospect's value is
the probability-weighted sum of the values of its outcomes; the probability weighting of the theory
is left out here, so that the lab shows the effect of the value function alone. The front end
(``static/prospect_lab.js``) computes the same numbers; the tests compare the two.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

TVERSKY_KAHNEMAN_1992 = {"alpha": 0.88, "beta": 0.88, "lam": 2.25}


def value(x: float, alpha: float, beta: float, lam: float) -> float:
    """The value of an outcome ``x`` (a gain if positive, a loss if negative)."""
    if x >= 0:
        return x ** alpha
    return -lam * (-x) ** beta


@dataclass(frozen=True)
class Choice:
    """A sure outcome against a gamble: ``good`` with probability ``p``, otherwise ``bad``.

    The outcomes are absolute; ``reference`` is the reference point they are valued from.
    """

    sure: float
    p: float
    good: float
    bad: float
    reference: float = 0.0

    def relative(self, outcome: float) -> float:
        """An outcome as a gain (positive) or a loss (negative) from the reference point."""
        return outcome - self.reference

    def gamble_value(self, alpha: float, beta: float, lam: float) -> float:
        """The gamble's value: the probability-weighted values of its two outcomes."""
        good = value(self.relative(self.good), alpha, beta, lam)
        bad = value(self.relative(self.bad), alpha, beta, lam)
        return self.p * good + (1 - self.p) * bad

    def sure_value(self, alpha: float, beta: float, lam: float) -> float:
        """The value of the sure outcome."""
        return value(self.relative(self.sure), alpha, beta, lam)

    def expected_gamble(self) -> float:
        """The gamble's expected outcome, in absolute terms."""
        return self.p * self.good + (1 - self.p) * self.bad


def advantage(choice: Choice, alpha: float, beta: float, lam: float) -> float:
    """How much more the gamble is worth than the sure outcome (negative if it is worth less)."""
    return choice.gamble_value(alpha, beta, lam) - choice.sure_value(alpha, beta, lam)


def preference(choice: Choice, alpha: float, beta: float, lam: float, tolerance: float = 1e-9) -> str:
    """'gamble', 'sure' or 'indifferent', for a decision-maker with these parameters."""
    difference = advantage(choice, alpha, beta, lam)
    if abs(difference) <= tolerance:
        return "indifferent"
    return "gamble" if difference > 0 else "sure"


def reference_flip(choice: Choice, alpha: float, beta: float, lam: float,
                   low: float = -100.0, high: float = 100.0, steps: int = 100) -> float | None:
    """The reference point between ``low`` and ``high`` where the choice flips, found by bisection.

    None if the gamble's advantage has the same sign at both ends (with several flips in between,
    bisection finds one of them).
    """
    def gamble_ahead(reference: float) -> bool:
        return advantage(replace(choice, reference=reference), alpha, beta, lam) > 0

    if gamble_ahead(low) == gamble_ahead(high):
        return None
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (middle, high) if gamble_ahead(middle) == gamble_ahead(low) else (low, middle)
    return (low + high) / 2


#: The lab's starting scenarios.
PRESETS = {
    "losses": {"label": "Domain of losses: a sure loss of 75, or a 75% chance of losing 100",
               "choice": Choice(sure=-75, p=0.25, good=0, bad=-100)},
    "mixed": {"label": "Mixed gamble: keep the status quo, or a 50% chance of gaining 100 against losing 60",
              "choice": Choice(sure=0, p=0.5, good=100, bad=-60)},
    "reference": {"label": "Reference point: a sure 50, or a 50% chance of 100 against 0",
                  "choice": Choice(sure=50, p=0.5, good=100, bad=0)},
}
