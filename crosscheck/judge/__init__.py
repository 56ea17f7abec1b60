"""Stage 7, judge: matched statements -> findings.

- `pair.py`: one matched pair -> agree or diverge with reasons, and its one-sided details
  (`judge_pair`, a list of small named rules);
- `salience.py`: what is worth naming as one-sided, and how much it matters;
- `findings.py`: the findings of a story, source pair by source pair;
- `claims.py`: three or more sources, statements clustered into claims.
"""

from __future__ import annotations

from crosscheck.judge.claims import claim_findings
from crosscheck.judge.findings import Story, pairwise_findings
from crosscheck.judge.pair import RULES, PairJudgement, judge_pair
from crosscheck.judge.salience import salience

__all__ = ["RULES", "PairJudgement", "Story", "claim_findings", "judge_pair", "pairwise_findings", "salience"]
