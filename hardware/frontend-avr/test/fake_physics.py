#!/usr/bin/env python3
"""A stand-in for the Java physics-server (the brief's physics pipe), to test the native build alone.

Speaks the pipe on stdin/stdout, little-endian:
  'I'            -> u32 rate, i32 min, i32 max, i32 initial, f64 full scale volts, u8 adc bits
  'M' + i32      -> no reply; the actuator is at that position from the next sample on
  'S' + u16 n    -> n x f32 load volts, the next n samples
  'Q'            -> a final line on stderr, exit 0;  EOF -> exit 0;  unknown op -> stderr, exit 2
The rig: a 1 kHz sine whose amplitude peaks at position 5000 (a Lorentzian 1500 steps wide), plus a
slow 50 Hz ripple so the codes are not periodic per frame. With FAKE_PHYSICS_LOG=path, one line per
'M' request: "<index of the first sample at that position> <position>"."""
import math
import os
import struct
import sys

RATE, MIN, MAX, INITIAL, FULL_SCALE, BITS = 20000, 0, 10000, 2000, 3.3, 12


def amplitude(position):
    return 1.2 / (1.0 + ((position - 5000) / 1500.0) ** 2)


def main():
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    log = open(os.environ["FAKE_PHYSICS_LOG"], "w") if os.environ.get("FAKE_PHYSICS_LOG") else None
    position, k = INITIAL, 0
    w = 2 * math.pi * 1000.0 / RATE
    while True:
        op = inp.read(1)
        if not op:
            return 0
        if op == b"I":
            out.write(struct.pack("<IiiidB", RATE, MIN, MAX, INITIAL, FULL_SCALE, BITS))
            out.flush()
        elif op == b"M":
            (position,) = struct.unpack("<i", inp.read(4))
            if log:
                log.write(f"{k} {position}\n")
                log.flush()
        elif op == b"S":
            (n,) = struct.unpack("<H", inp.read(2))
            a = amplitude(position)
            volts = [a * math.sin(w * (k + i)) + 0.05 * math.sin(w / 20 * (k + i)) for i in range(n)]
            k += n
            out.write(struct.pack(f"<{n}f", *volts))
            out.flush()
        elif op == b"Q":
            print(f"fake-physics: served {k} samples, position {position}", file=sys.stderr)
            return 0
        else:
            print(f"fake-physics: unknown request byte 0x{op[0]:02x}", file=sys.stderr)
            return 2


if __name__ == "__main__":
    sys.exit(main())
