"""``python -m zhengce``: the same as the ``zhengce`` command."""
import sys

from .cli import main

sys.exit(main())
