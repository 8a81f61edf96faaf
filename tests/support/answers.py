"""Candidate answers shared by the API, web and grading tests."""

# A strong candidate's turns on news-feed, one or two stages each, clarify to monitor.
STRONG_NEWS_FEED = [
    "What is the business objective of the feed?",
    "How many daily active users do we have, and how many new posts per day?",
    "I'd frame it as pointwise ranking: predict the probability that the user engages with "
    "each candidate post, then rank by a weighted sum of like, comment and share "
    "probabilities.",
    "Training data comes from impression logs joined with reactions; positives are posts the "
    "user engaged with and negatives are impressions without engagement. I'd split by time "
    "so we never train on the future.",
    "As a baseline I'd rank by recency and popularity, then try logistic regression, then a "
    "multi-task neural network with a shared bottom and one head per reaction.",
    "Offline I'd use ROC-AUC per head and nDCG on the ranked list; online I'd run an A/B test "
    "on daily active users and time spent.",
    "Serving is a two-stage funnel: candidate generation, then the ranker scores a few "
    "hundred posts within our latency budget using a feature store for fresh features.",
    "I'd monitor input feature drift and the prediction distribution, alert on drops in "
    "engagement, and retrain daily on fresh data.",
]
