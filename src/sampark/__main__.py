"""``python -m sampark`` is the ``sampark`` command."""
from sampark.cli import main

main()
