"""Budget: the plan's money per theme, scenarios, charts and the chain to the offer."""
