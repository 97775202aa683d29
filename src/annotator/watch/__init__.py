"""Watching source folders with watchdog: debounce, ignore temporary files and our own reads."""
