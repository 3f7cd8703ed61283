"""The methods section of a report: each method with its formula and source."""
from __future__ import annotations

from .._errors import InvalidValueError

_SECTION = """\
## Methods

**Policy instruments × themes.** Task records are counted per cell of policy
instrument (Rothwell & Zegveld 1981: supply, environment, demand and their
sub-types, `data/instruments.tsv`) and theme (`data/themes.tsv`) within each group
of documents: n = task records in the cell; share = n / task records of the group;
row share = n / records of the group with the instrument. The records behind each
cell are listed.

**Policy strength (政策力度).** After Peng, Zhong & Sun (2008, 管理世界): the
issuer's rank and the document type are each scored 1–5 (`data/policy_strength.tsv`);
authority = (issuer score + type score) / 2. The execution score is the weighted mean
of four shares of the document's task records — commitment = mean (strength + 1)/2,
and the shares with a quantitative target, a deadline and a named responsible
department (weights 0.4, 0.2, 0.2, 0.2 by default). Policy strength = authority ×
execution (0–5). Where Peng et al. score a policy's measures and goals by hand, these
shares are measured from the text; issuer and type are scored separately so that
provincial, city and county issuers have a place on the scale.

**PMC index.** Ruiz Estrada (2011, Journal of Policy Modeling 33(4)): each
second-level variable X_ij is 1 when zhengce finds evidence for it in the document
(a quoted span), else 0; X_i = Σ_j X_ij / n_i; PMC = Σ_i X_i. Nine first-level
variables (`data/pmc_scheme.tsv`): policy nature, timeliness, issuing level, domain,
supply, environment and demand instruments, goals, implementation. Grades: perfect
≥ 0.9, excellent ≥ 0.7, acceptable ≥ 0.5 of the maximum, else poor (Ruiz Estrada's
9/7/5 of 10). The PMC surface is the 3 × 3 matrix of X1…X9.

**CAP topics.** Themes are mapped to the major topics of the Comparative Agendas
Project master codebook (`data/cap_topics.tsv`, one topic per theme, with the
reasoning); a record counts once per distinct topic.

**Agreement.** Cohen's κ = (p_o − p_e)/(1 − p_e) (Cohen 1960) between two coders;
Krippendorff's α (nominal) = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k over the
coincidence matrix (Krippendorff 2011), for any number of coders and missing
codings. Multi-label variables are scored per label (present/absent) and pooled
over labels; 95 % intervals by percentile bootstrap over records.
"""


def methods_section(form: str = "markdown") -> str:
    """The methods section for a report (markdown, or HTML with ``form="html"``).

    >>> methods_section().splitlines()[0]
    '## Methods'
    """
    if form == "markdown":
        return _SECTION
    if form == "html":
        import html
        import re

        parts = []
        for block in _SECTION.strip().split("\n\n"):
            text = html.escape(" ".join(block.split("\n")))
            if text.startswith("## "):
                parts.append(f"<h2>{text[3:]}</h2>")
            else:
                parts.append("<p>" + re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", re.sub(r"`(.+?)`", r"<code>\1</code>", text)) + "</p>")
        return "\n".join(parts)
    raise InvalidValueError(f"form must be 'markdown' or 'html', not {form!r}")
