package org.resonantlearner.hal.pisim;

/** An emulated chip on one SPI chip select: answers each full-duplex transfer bit for bit. */
interface SpiChip {
    /**
     * One transfer with chip select held low: {@code length} bytes clocked out on MOSI from
     * {@code mosi[mosiOffset..]}, the chip's MISO bytes written to {@code miso[misoOffset..]}.
     *
     * @param startNanos virtual time of the first clock edge (ns)
     * @param clockHz the SPI clock the bus was opened with (Hz)
     */
    void transfer(long startNanos, double clockHz, byte[] mosi, int mosiOffset, byte[] miso, int misoOffset,
            int length);
}
