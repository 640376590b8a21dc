"""``python -m hpt_request`` is the ``hpt-request`` command."""

import sys

from hpt_request.cli import main

sys.exit(main())
