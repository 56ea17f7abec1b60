"""Stage 7, judge: matched statements -> findings.

- `pair.py`: one matched pair -> agree or diverge with reasons, and its one-sided details
  (`judge_pair`, a list of small named rules); `roles.py`: when two values or a negation
  are about the same thing;
- `verdict.py`: the one judge of every view: the rules' reasons, a calibrated confidence
  (from the rules, or with the trained model of `model.py`), reported or only possible;
- `salience.py`: what is worth naming as one-sided, and how much it matters;
- `findings.py`: the findings of a story, source pair by source pair;
- `claims.py`: three or more sources, statements clustered into claims.
"""

from __future__ import annotations

from crosscheck.judge.claims import claim_findings
from crosscheck.judge.findings import Story, pairwise_findings
from crosscheck.judge.pair import RULES, PairJudgement, judge_pair
from crosscheck.judge.salience import salience
from crosscheck.judge.verdict import Judge, Verdict

__all__ = ["RULES", "Judge", "PairJudgement", "Story", "Verdict", "claim_findings", "judge_pair", "pairwise_findings",
           "salience"]
