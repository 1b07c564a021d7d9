"""Case-study review (submit, comment, request changes, approve; versions frozen on approval)
and the coordinators' views across dialogues (the portfolio and the comparison)."""
