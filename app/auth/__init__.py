"""Who is calling: API keys (`keys`), launch links and their cookies (`launch`), the rate
limit per caller (`ratelimit`) and the FastAPI dependencies that admit a request
(`dependencies`). Used by the JSON API and the pages alike; imports neither."""
