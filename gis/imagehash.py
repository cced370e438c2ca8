"""Perceptual hashes of photos, to recognise the same picture filed again.

The pHash of Zauner (2010), as the ``imagehash`` package computes it: the image
in grey at 32×32 pixels, its 2-D discrete cosine transform, the 8×8 lowest
frequencies compared with their median — 64 bits that survive re-encoding,
resizing, small crops and brightness changes. Two photos whose hashes differ in
at most :data:`NEAR` bits are taken to be the same picture.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from scipy.fft import dct

SIZE, LOW = 32, 8
#: Hamming distance up to which two hashes are the same picture (of 64 bits)
NEAR = 10


def phash(image: Image.Image) -> str:
    """The 64-bit perceptual hash of ``image`` as 16 hexadecimal digits."""
    grey = image.convert("L").resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    pixels = np.asarray(grey, dtype=np.float64)
    low = dct(dct(pixels, axis=0), axis=1)[:LOW, :LOW]
    bits = (low > np.median(low)).ravel()
    return f"{int(''.join('1' if b else '0' for b in bits), 2):016x}"


def distance(a: str, b: str) -> int:
    """Bits in which two hashes differ (Hamming distance)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
