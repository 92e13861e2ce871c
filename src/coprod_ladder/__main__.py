"""Run the command line as `python -m coprod_ladder`."""

from coprod_ladder.cli import main

if __name__ == "__main__":
    main()
