"""CLI commands beyond ``extract``, one module per area, each registering its
commands on :data:`tally.cli.app` when imported."""
