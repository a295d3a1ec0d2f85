"""Plan: the plan's themes and its action plan with status and progress."""
