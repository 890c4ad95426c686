"""Prospect theory, as the prospect-theory lab computes it (Kahneman and Tversky 1979).

Outcomes are gains or losses against a reference point. The value function is concave for gains,
convex for losses, and steeper for losses than for gains:

    v(x) = x ** alpha                  for x >= 0
    v(x) = -lam * (-x) ** beta         for x < 0

Tversky and Kahneman (1992) estimated alpha = beta = 0.88 and lam = 2.25. A prospect's value is
the probability-weighted sum of the values of its outcomes; the probability weighting of the theory
is left out here, so that the lab shows the effect of the value function alone. The front end
(``static/prospect_lab.js``) computes the same numbers; the tests compare the two.
"""
from __future__ import annotations

from dataclasses import dataclass

TVERSKY_KAHNEMAN_1992 = {"alpha": 0.88, "beta": 0.88, "lam": 2.25}


def value(x: float, alpha: float, beta: float, lam: float) -> float:
    """The value of an outcome ``x`` (a gain if positive, a loss if negative)."""
    if x >= 0:
        return x ** alpha
    return -lam * (-x) ** beta


@dataclass(frozen=True)
class Choice:
    """A sure outcome against a gamble: ``good`` with probability ``p``, otherwise ``bad``."""

    sure: float
    p: float
    good: float
    bad: float

    def gamble_value(self, alpha: float, beta: float, lam: float) -> float:
        return self.p * value(self.good, alpha, beta, lam) + (1 - self.p) * value(self.bad, alpha, beta, lam)

    def sure_value(self, alpha: float, beta: float, lam: float) -> float:
        return value(self.sure, alpha, beta, lam)

    def expected_gamble(self) -> float:
        return self.p * self.good + (1 - self.p) * self.bad


def preference(choice: Choice, alpha: float, beta: float, lam: float, tolerance: float = 1e-9) -> str:
    """'gamble', 'sure' or 'indifferent', for a decision-maker with these parameters."""
    difference = choice.gamble_value(alpha, beta, lam) - choice.sure_value(alpha, beta, lam)
    if abs(difference) <= tolerance:
        return "indifferent"
    return "gamble" if difference > 0 else "sure"


#: The lab's two starting scenarios.
PRESETS = {
    "losses": {"label": "Domain of losses: a sure loss of 75, or a 75% chance of losing 100",
               "choice": Choice(sure=-75, p=0.25, good=0, bad=-100)},
    "mixed": {"label": "Mixed gamble: keep the status quo, or a 50% chance of gaining 100 against losing 60",
              "choice": Choice(sure=0, p=0.5, good=100, bad=-60)},
}
