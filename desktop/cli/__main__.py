import sys

from desktop.cli.rapport import main

sys.exit(main())
