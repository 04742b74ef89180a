"""Domain logic in plain Python: no Flask request, no commit."""
