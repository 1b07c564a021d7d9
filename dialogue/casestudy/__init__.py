"""The case-study report: the partner's narrative (``models``, ``forms``, ``views``) and the
report that joins it with every phase's sections (``report``, ``documents``). Its review by
the coordinators is ``dialogue/review/``."""
from .models import CaseStudy  # noqa: F401  (its table)
