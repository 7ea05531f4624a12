"""Masthead's own abuse scorer: a small linear model over character and word n-grams.

- `categories`: the kinds of abuse it tells apart, and the default thresholds.
- `text`: how a comment is normalised (disguises undone) and cut into features.
- `model`: the trained weights, their file format (NumPy arrays, no pickle) and scoring.
- `store`: which model scores comments now (the shipped file or the active version).
- `corpus`: the labelled corpus in /corpus and its fixed held-out split.
- `training`: fitting a model with scikit-learn and measuring it (never in a web request).
- `learning`: the site's own moderators' decisions as examples; comparing two models.
- `actions`: retraining on those decisions, and activating a version (rolling back).

The scorer interface the rest of Masthead sees is `masthead.community.scoring`; the Scorer
screen is `masthead.community.scorer_admin`.
"""
