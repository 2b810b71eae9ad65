#!/usr/bin/env python3
"""Talks protocol v2 to a front-end on a serial port or pty (the firmware in frontend-sim, the native
build, emulate-frontend): HELLO, INFO, SAMPLES for a while, optionally a MOVE and its ACK. Checks the
CRC of every frame and the continuity of the sample indices; prints what it got.

usage: v2_probe.py PORT [--seconds S] [--move STEPS] [--expect-version 2]
"""
import argparse
import os
import struct
import sys
import termios
import time
import tty
import zlib

SYNC = b"\xa5\x5a"
HELLO, MOVE, INFO, SAMPLES16, ACK, NAK, SAMPLES12 = 0x01, 0x02, 0x81, 0x82, 0x83, 0x84, 0x85


def frame(version, ftype, seq, payload):
    body = struct.pack("<BBIH", version, ftype, seq, len(payload)) + payload
    return SYNC + body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)


class Reader:
    def __init__(self, fd):
        self.fd = fd
        self.buf = b""
        self.crc_errors = 0
        self.skipped = 0

    def next(self, timeout):
        end = time.monotonic() + timeout
        while True:
            i = self.buf.find(SYNC)
            if i > 0:
                self.skipped += i
                self.buf = self.buf[i:]
            if i >= 0 and len(self.buf) >= 10:
                version, ftype, seq, length = struct.unpack_from("<BBIH", self.buf, 2)
                if length > 4096:
                    self.buf = self.buf[1:]
                    continue
                if len(self.buf) >= 10 + length + 4:
                    body = self.buf[2:10 + length]
                    (crc,) = struct.unpack_from("<I", self.buf, 10 + length)
                    self.buf = self.buf[14 + length:]
                    if zlib.crc32(body) & 0xFFFFFFFF != crc:
                        self.crc_errors += 1
                        continue
                    return version, ftype, seq, body[8:]
            remaining = end - time.monotonic()
            if remaining <= 0:
                return None
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                chunk = b""
            if chunk:
                self.buf += chunk
            else:
                time.sleep(min(0.001, remaining))


def decode_samples(ftype, payload):
    (first,) = struct.unpack_from("<I", payload)
    data = payload[4:]
    if ftype == SAMPLES16:
        return first, list(struct.unpack("<%dH" % (len(data) // 2), data))
    codes = []
    for k in range(0, len(data) - 2, 3):
        b0, b1, b2 = data[k], data[k + 1], data[k + 2]
        codes.append(b0 | (b1 & 0x0F) << 8)
        codes.append(b1 >> 4 | b2 << 4)
    return first, codes


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port")
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--move", type=int)
    p.add_argument("--hello-version", type=int, default=2)
    a = p.parse_args()
    fd = os.open(a.port, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    tty.setraw(fd)
    termios.tcflush(fd, termios.TCIOFLUSH)
    r = Reader(fd)
    os.write(fd, frame(2, HELLO, 0, bytes([a.hello_version])))
    t_hello = time.monotonic()
    info = None
    while info is None:
        f = r.next(max(0.0, t_hello + 5 - time.monotonic()))
        if f is None:
            sys.exit("no INFO within 5 s of HELLO")
        if f[1] == INFO:
            info = f
        elif f[1] == NAK:
            print("NAK version=%d id=%d reason=%d" % (f[0], *struct.unpack("<HB", f[3])))
            return
    version, _, seq, pl = info
    (iv, fmaj, fmin, fpat, bits, stype, spf, rate, fs_uv, mn, mx, pos, boot, nxt) = struct.unpack("<BBBBBBHIIiiiII", pl)
    print("INFO after %.3f s: frame version %d, protocol %d, firmware %d.%d.%d, %d bits, frame type 0x%02X x %d, "
          "%d S/s, full scale %d uV, range [%d, %d], position %d, boot id %d, next sample %d"
          % (time.monotonic() - t_hello, version, iv, fmaj, fmin, fpat, bits, stype, spf, rate, fs_uv, mn, mx, pos,
             boot, nxt))
    expected = nxt
    samples = 0
    gaps = 0
    lo, hi = 1 << 16, -1
    t0 = time.monotonic()
    acked = None
    move_sent = False
    move_index = None
    while time.monotonic() - t0 < a.seconds or (move_sent and acked is None and time.monotonic() - t0 < a.seconds + 30):
        if a.move is not None and not move_sent and time.monotonic() - t0 > a.seconds / 4:
            os.write(fd, frame(2, MOVE, 1, struct.pack("<Hi", 1, a.move)))
            move_sent = True
            move_index = expected
        f = r.next(1.0)
        if f is None:
            continue
        if f[1] in (SAMPLES12, SAMPLES16):
            first, codes = decode_samples(f[1], f[3])
            if first != expected:
                gaps += 1
            expected = first + len(codes)
            samples += len(codes)
            lo, hi = min(lo, *codes), max(hi, *codes)
        elif f[1] == ACK:
            cid, reached, eff = struct.unpack("<HiI", f[3])
            acked = (cid, reached, eff)
            print("ACK id %d at %d steps, effective sample %d (MOVE sent near sample %d; %d samples = %.3f s later)"
                  % (cid, reached, eff, move_index, eff - move_index, (eff - move_index) / rate))
        elif f[1] == NAK:
            print("NAK id=%d reason=%d" % struct.unpack("<HB", f[3]))
    wall = time.monotonic() - t0
    print("%d samples in %.3f s wall: %.0f S/s wall; %d gaps, %d CRC errors, %d bytes skipped; codes %d..%d; last index %d"
          % (samples, wall, samples / wall, gaps, r.crc_errors, r.skipped, lo, hi, expected))
    os.close(fd)


if __name__ == "__main__":
    main()
