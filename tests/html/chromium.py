"""Headless Chromium for the html tests: it renders a page to its DOM and a screenshot, and
the screenshot's pixels are decoded here with zlib (no imaging library). A missing Chromium
fails the test that asked for it: nothing is skipped."""
import os
import struct
import subprocess
import sys
import zlib

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update"]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def self_contained(page, script=True):
    """Fails unless the page at `page` loads nothing: no address, link or source; with
    `script` false, no script of its own either."""
    with open(page, "rb") as f:
        text = f.read().decode("utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
    for needle in ("http://", "https://", "<link", "src=") + (() if script else ("<script",)):
        if needle in text:
            fail(f"the page is not self-contained: it holds {needle!r}")


def render(page, tmp, env):
    """The DOM Chromium builds of `page` and the path of its 1400x1800 screenshot, in `tmp`."""
    if not os.access(CHROMIUM, os.X_OK):
        fail(f"{CHROMIUM} is missing: run .ci/setup (it installs Debian's chromium package)")
    env = dict(env, HOME=tmp)
    common = [CHROMIUM] + FLAGS + [f"--user-data-dir={tmp}/profile", "--window-size=1400,1800"]
    shot = os.path.join(tmp, "shot.png")
    try:
        dom = subprocess.run(common + ["--dump-dom", "file://" + page], env=env, capture_output=True,
                             timeout=180).stdout.decode("utf-8")
        subprocess.run(common + [f"--screenshot={shot}", "file://" + page], env=env, capture_output=True,
                       timeout=180, cwd=tmp)
    except subprocess.TimeoutExpired:
        fail("chromium did not finish within 180 seconds")
    if not os.path.exists(shot):
        fail("chromium wrote no screenshot")
    return dom, shot


def not_blank(shot):
    """Fails when the screenshot is one flat colour; its size and pixel variance otherwise."""
    with open(shot, "rb") as f:
        width, height, channels, pixels = png_pixels(f.read())
    values = [line[i] for line in pixels[::8] for i in range(0, len(line), channels * 8)]
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    if variance < 50:
        fail(f"the screenshot looks blank ({width}x{height}, variance {variance:.1f})")
    return f"screenshot {width}x{height}, variance {variance:.0f}"


def png_pixels(data):
    """Width, height, channels and the unfiltered rows of an 8-bit PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        fail(f"unexpected PNG layout: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = prev[i]
            ul = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + left) & 255
            elif f == 2:
                line[i] = (line[i] + up) & 255
            elif f == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif f == 4:
                p = left + up - ul
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else ul)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows
