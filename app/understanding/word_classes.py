"""Word classes shared by several of the reader's modules: an acknowledgement leading a
sentence, the boundaries of a clause, a yes/no reply. They import nothing of the reader's, so
any module may use them.
"""

from __future__ import annotations

import re

# An acknowledgement (or a hedge) leading a sentence: "ok, ", "thanks, ", "i think ", "hmm, ".
# A closure is read after it ("ok, that's plenty"), and a recap of what was just heard follows it
# ("OK, so no autoplay on the home grid").
ACK = re.compile(
    r"^(?:(?:ok(?:ay)?|so|yeah|yes|no|nope|nah|right|alright|great|cool|perfect|got it|"
    r"thanks|thank you|good|nice|i think|i guess|well|hmm+)\b[\s,.!;-]*)+"
)
# Where a clause of a sentence ends (a comma, a full stop, a dash set off by spaces, the end)
# and where a sentence splits into clauses.
CLAUSE_SPLIT = re.compile(r"[,;:]\s*|\s[-–—]\s")
CLAUSE_END = re.compile(r"[,.;!?]|\s[-–—]\s|$")
# A reply opening on yes or no (or a word of likelihood): an answer to a yes/no question, and
# never a word of the problem's own vocabulary.
POLAR_REPLY = re.compile(
    r"^(?:yes|yeah|yep|yup|sure|definitely|absolutely|of course|certainly|correct|right|no|"
    r"nope|nah|not really|probably|probably not|maybe)\b"
)
# A sentence (or clause) that opens on a verb of building or running the system with its object
# ("use all the data", "run it on servers", "show people videos", "make sure it's accurate"): an
# instruction about the design, so neither a bare topic asked about nor talk of the interview's
# progress ("log retention" is a topic: no object follows).
DESIGN_IMPERATIVE = re.compile(
    r"^(?:just |then |and |so )?(?:use|collect|gather|train|build|log|store|label|sample|rank|"
    r"show|compute|predict|filter|fetch|cache|retrain|track|measure|count|drop|remove|combine|"
    r"feed|embed|encode|score|apply|send|deploy|ship|host|run|make|update|ensure|keep|put|serve|"
    r"monitor|test|check)\s+(?:it|them|this|that|these|those|the|a|an|all|every|everything|sure|"
    r"people|users|our|more|some|each|any)\b"
)
