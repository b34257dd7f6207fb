# The two commands of the README: `make video` renders the module, `make test` runs the tests.
# Both install whatever is missing first (system packages, then the virtual environment);
# a second run installs nothing.

MODULE   ?= math_for_ai
QUALITY  ?= preview
PYTHON   ?= $(shell command -v python3.11 || command -v python3)
VENV     := .venv
VPY      := $(VENV)/bin/python
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# cairo/pango headers and pkg-config: pycairo and manimpango build from source on Linux.
# LaTeX with dvisvgm and standalone.cls: Manim's MathTex. flite: the default voice.
# chromium: the viewer-page tests drive a real browser.
SYSTEM_PACKAGES := build-essential python3-dev python3-venv pkg-config \
	libcairo2-dev libpango1.0-dev ffmpeg flite \
	texlive-latex-base texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended dvisvgm fonts-dejavu-core chromium

.PHONY: video test setup system lint bench clean
video: setup
	$(VPY) render.py build $(MODULE) --quality $(QUALITY)

test: setup
	$(VPY) -m ruff check .
	$(VPY) -m pytest

setup: system $(VENV)/.installed

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	[ -x $(VPY) ] || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q -e '.[dev]'
	touch $@

lint: setup
	$(VPY) -m ruff check .

bench: setup
	$(VPY) bench/run.py

clean:
	rm -rf build media
