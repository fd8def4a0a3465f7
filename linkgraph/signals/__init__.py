"""Evidence that is not a shared id.

Operations that avoid shared cards and exact prompt repeats still leave traces: paraphrases
of one prompt template (near-identical SimHashes) and requests sent in lockstep. This
package turns raw columns into NEW artifacts, as link rows ``acct → artifact`` that the
rarity-weighted graph (``linkgraph.graph``) treats like any other shared artifact:

- ``simhash``: parse, format and compare 64-bit SimHashes, vectorised.
- ``families``: template families (near-duplicate SimHashes) by permuted-table LSH.
- ``lockstep``: temporal co-activity buckets (same minute, same template family).
- ``fingerprint``: prompt text → contract rows (fingerprint and SimHash per template).

Every function is pure and deterministic. The package imports only numpy, pandas, pyarrow
(and scipy's connected components) and nothing else from linkgraph, so it can be tested and
reused on its own.
"""

from __future__ import annotations
