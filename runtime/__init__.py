"""The one place that wires Storywatch together: config, the scheduler and the CLI."""
