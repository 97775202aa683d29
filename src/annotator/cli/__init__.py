"""The command line: open the app, or drive a project headless with subcommands."""
