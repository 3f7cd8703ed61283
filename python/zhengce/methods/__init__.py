"""The methods of Chinese policy-text research, computed from zhengce's frames
with the evidence behind every number (README, "Methods"): instrument cross-tabs,
policy strength (政策力度), the PMC index, CAP topics, and the coding workflow with
Cohen's κ and Krippendorff's α."""
from __future__ import annotations

from ._tables import read_cap_mapping, read_pmc_scheme, read_strength_table
from .agreement import agreement, cohen_kappa, krippendorff_alpha
from .coding import codebook, coding_sheet, read_coding
from .crosstab import cap_topics, crosstab
from .pmc import PmcResult, pmc
from .section import methods_section
from .strength import policy_strength, record_components

__all__ = [
    "agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "codebook",
    "coding_sheet",
    "read_coding",
    "cap_topics",
    "crosstab",
    "pmc",
    "PmcResult",
    "policy_strength",
    "record_components",
    "methods_section",
    "read_cap_mapping",
    "read_pmc_scheme",
    "read_strength_table",
]
