"""The project store: one SQLite file through sqlite-utils. All SQL lives in this package."""
