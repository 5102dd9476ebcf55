"""python -m cwkg.cli"""

from . import entry

if __name__ == "__main__":
    entry()
