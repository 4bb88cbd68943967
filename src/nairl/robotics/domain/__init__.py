"""Business logic of the robotics app: entry points, running and storing evaluations, rankings."""
