"""A plan chart offers 'Show: % of plan' only where a target and the outcome share a period."""

from helpers import widgets


def test_percent_of_plan_hidden_when_no_target_shares_a_period_with_the_outcome():
    # the 1932/33 targets against calendar-1932 tonnages: no period in common
    panel = widgets.show("05-plan-outcomes")
    assert panel.controls["show"].visible is False


def test_percent_of_plan_offered_when_a_target_and_the_outcome_share_a_period():
    # the gallery's first plan: growth targets and outcomes for the same economic year
    panel = widgets.show("99-plan")
    assert panel.controls["show"].visible is True
