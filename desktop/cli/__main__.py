from desktop.cli.program import run

run()
