"""Understanding a candidate's message: one typed `Reading` per message, made by the
offline reader (default) or an LLM reader, consumed by the interviewer and the grader."""
