#!/usr/bin/env python3
"""End-to-end check of the native build: frontend-native on pipes (stdin/stdout) with the fake
physics, driven by a small protocol-v2 host written here independently of the C code (zlib.crc32).

usage: native_check.py BUILD/frontend-native
Checks: silence before HELLO; INFO fields; samples contiguous from INFO's next index at the wall-clock
rate; MOVE -> ACK whose effective index is the first sample the physics served at the new position;
out-of-range NAK; a second HELLO (INFO seq 0, same boot id, no older samples); HELLO of another
version -> NAK(0, 3); EOF on stdin -> exit 0 and the physics asked to quit."""
import math
import os
import select
import struct
import subprocess
import sys
import tempfile
import time
import zlib

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def frame(ftype, seq, payload, version=2):
    body = bytes([version, ftype]) + struct.pack("<IH", seq, len(payload)) + payload
    return b"\xa5\x5a" + body + struct.pack("<I", zlib.crc32(body))


LENGTHS = {0x81: lambda n: n == 36, 0x83: lambda n: n == 10, 0x84: lambda n: n == 3,
           0x85: lambda n: n >= 7 and (n - 4) % 3 == 0}


class Host:
    def __init__(self, proc):
        self.proc, self.buf, self.frames = proc, b"", []

    def send(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def pump(self, seconds):
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                self.buf += chunk
                self.parse()

    def parse(self):
        b = self.buf
        while True:
            i = b.find(b"\xa5\x5a")
            if i < 0:
                b = b[-1:] if b.endswith(b"\xa5") else b""
                break
            b = b[i:]
            if len(b) < 10:
                break
            ver, ftype, seq, n = b[2], b[3], *struct.unpack("<IH", b[4:10])
            if ver != 2 or ftype not in LENGTHS or not LENGTHS[ftype](n):
                b = b[1:]
                continue
            if len(b) < 14 + n:
                break
            if zlib.crc32(b[2:10 + n]) != struct.unpack("<I", b[10 + n:14 + n])[0]:
                b = b[1:]
                continue
            self.frames.append((ftype, seq, b[10:10 + n]))
            b = b[14 + n:]
        self.buf = b

    def take(self):
        f, self.frames = self.frames, []
        return f


def codes12(payload):
    out = []
    for i in range(4, len(payload), 3):
        b0, b1, b2 = payload[i:i + 3]
        out += [b0 | (b1 & 0xF) << 8, b1 >> 4 | b2 << 4]
    return out


def main():
    native = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    log = tempfile.NamedTemporaryFile("r", suffix=".log", delete=False)
    env = dict(os.environ, FAKE_PHYSICS_LOG=log.name)
    proc = subprocess.Popen([native, "--", sys.executable, os.path.join(here, "fake_physics.py")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    host = Host(proc)
    host.pump(0.5)
    check(host.take() == [] and host.buf == b"", "silent before HELLO")

    host.send(frame(0x01, 0, b"\x02"))
    host.pump(0.3)
    frames = host.take()
    check(len(frames) > 0 and frames[0][0] == 0x81 and frames[0][1] == 0, "HELLO(2) -> INFO, seq 0")
    info = struct.unpack("<BBBBBBHIIiiiII", frames[0][2])
    ver, major, minor, patch, bits, stype, spf, rate, fs_uv, mn, mx, pos, boot, nxt = info
    check((ver, major, minor, patch) == (2, 1, 0, 0), f"INFO version 2, firmware 1.0.0 ({info[:4]})")
    check((bits, stype, spf) == (10, 0x85, 64), "INFO 10-bit codes in SAMPLES12 of 64")
    check((rate, fs_uv, mn, mx, pos) == (20000, 3300000, 0, 10000, 2000),
          f"INFO rig: {rate} S/s, {fs_uv} uV, {mn}..{mx} from {pos}")
    check(nxt > 20000 * 0.1, f"INFO next sample index {nxt}: the counter ran from start-up (0.5 s before HELLO), not from HELLO")

    samples = [f for f in frames[1:] if f[0] == 0x85]
    t0 = time.monotonic()
    host.pump(2.0)
    later = host.take()
    elapsed = time.monotonic() - t0
    samples += [f for f in later if f[0] == 0x85]
    idx = [struct.unpack("<I", f[2][:4])[0] for f in samples]
    seqs = [f[1] for f in frames[1:] + later]
    check(idx[0] == nxt and all(b - a == 64 for a, b in zip(idx, idx[1:])),
          f"{len(idx)} sample frames contiguous from the next index")
    check(seqs == list(range(1, len(seqs) + 1)), "sequence 1, 2, ... after INFO")
    got = 64 * len([f for f in later if f[0] == 0x85]) / elapsed
    check(abs(got / 20000 - 1) < 0.05, f"paced: {got:.0f} samples/s over {elapsed:.2f} s of wall clock")

    host.send(frame(0x02, 1, struct.pack("<Hi", 7, 5000)))
    host.pump(1.5)
    frames = host.take()
    acks = [f for f in frames if f[0] == 0x83]
    check(len(acks) == 1, "MOVE(7, 5000) -> one ACK")
    if acks:
        cid, reached, eff = struct.unpack("<HiI", acks[0][2])
        moves = [tuple(map(int, line.split())) for line in open(log.name)]
        first_at = [k for k, p in moves if p == 5000]
        check(cid == 7 and reached == 5000, f"ACK id {cid}, position {reached}")
        check(len(moves) == 3000, f"{len(moves)} steps reached the physics (3000)")
        check(first_at == [eff], f"effective index {eff} = first sample served at 5000 {first_at}")
        # The sample stream shows it: the RMS well before the ACK is low, after it high.
        stream = {}
        for f in frames:
            if f[0] == 0x85:
                base = struct.unpack("<I", f[2][:4])[0]
                for j, c in enumerate(codes12(f[2])):
                    stream[base + j] = (c / 1023 - 0.5) * 3.3
        after = [stream[k] for k in range(eff, eff + 2000) if k in stream]
        rms = math.sqrt(sum(v * v for v in after) / max(1, len(after)))
        expect = math.sqrt(1.2 ** 2 / 2 + 0.05 ** 2 / 2)
        check(len(after) == 2000 and abs(rms - expect) < 0.02,
              f"RMS after the effective index {rms:.4f} V (rig at 5000: {expect:.4f} V)")

    host.send(frame(0x02, 2, struct.pack("<Hi", 8, 10001)))
    host.pump(0.2)
    naks = [f for f in host.take() if f[0] == 0x84]
    check([n[2] for n in naks] == [struct.pack("<HB", 8, 1)], "MOVE(8, 10001) -> NAK(8, OUT_OF_RANGE)")

    host.pump(0.2)
    last = max([struct.unpack("<I", f[2][:4])[0] for f in host.take() if f[0] == 0x85] or [0])
    host.send(frame(0x01, 3, b"\x02"))
    host.pump(0.3)
    frames = host.take()
    infos = [i for i, f in enumerate(frames) if f[0] == 0x81]
    check(len(infos) == 1 and frames[infos[0]][1] == 0, "second HELLO -> INFO seq 0")
    if infos:
        info2 = struct.unpack("<BBBBBBHIIiiiII", frames[infos[0]][2])
        after = [f for f in frames[infos[0] + 1:] if f[0] == 0x85]
        check(info2[12] == boot and info2[11] == 5000, "same boot id, position 5000")
        check(after and struct.unpack("<I", after[0][2][:4])[0] == info2[13] and info2[13] > last,
              "samples after it start at its next index, none older")

    host.send(frame(0x01, 0, b"\x03"))
    host.pump(0.3)
    frames = host.take()
    check(frames and frames[-1][0] == 0x84 and frames[-1][2] == struct.pack("<HB", 0, 3),
          "HELLO(3) -> NAK(0, UNSUPPORTED_VERSION)")
    host.pump(0.3)
    check(host.take() == [], "then silent")

    proc.stdin.close()
    rc = proc.wait(timeout=5)
    err = proc.stderr.read().decode()
    check(rc == 0, f"EOF on stdin -> exit {rc}")
    check("fake-physics: served" in err, "the physics was asked to quit ('Q')")
    sys.stderr.write(err)
    os.unlink(log.name)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
