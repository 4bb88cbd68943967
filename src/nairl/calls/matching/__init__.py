"""The numerical core of reviewing, in plain Python (numpy and SciPy, no Django): text
similarity between applications and reviewers, the optimal assignment of reviewers, and the
strictness-normalised ranking. The app around it reads the database and stores the results."""
