"""The moderation app's pages: readers' statements and appeals (statements.py), the back-office
queues (queues.py) and the oversight screens (oversight.py)."""
