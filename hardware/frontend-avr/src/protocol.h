/* Front-end serial protocol, version 2 (hardware/serial-protocol.md): constants, frame encoder and
 * byte-wise frame decoder. Portable C, no AVR headers. Every multi-byte field is little-endian. */
#ifndef FW_PROTOCOL_H
#define FW_PROTOCOL_H

#include <stdint.h>
#include <stdbool.h>

#define FW_SYNC0 0xA5u
#define FW_SYNC1 0x5Au
#define FW_PROTOCOL_VERSION 2u

#define FW_HEADER_BYTES 10u
#define FW_CRC_BYTES 4u
#define FW_MAX_SAMPLES_PER_FRAME 1024u
#define FW_SAMPLE_INDEX_BYTES 4u
#define FW_MAX_PAYLOAD_BYTES (FW_SAMPLE_INDEX_BYTES + 2u * FW_MAX_SAMPLES_PER_FRAME)
#define FW_MAX_FRAME_BYTES (FW_HEADER_BYTES + FW_MAX_PAYLOAD_BYTES + FW_CRC_BYTES)

#define FW_TYPE_HELLO 0x01u
#define FW_TYPE_MOVE 0x02u
#define FW_TYPE_INFO 0x81u
#define FW_TYPE_SAMPLES16 0x82u
#define FW_TYPE_ACK 0x83u
#define FW_TYPE_NAK 0x84u
#define FW_TYPE_SAMPLES12 0x85u

#define FW_HELLO_PAYLOAD_BYTES 1u
#define FW_MOVE_PAYLOAD_BYTES 6u
#define FW_INFO_PAYLOAD_BYTES 36u
#define FW_ACK_PAYLOAD_BYTES 10u
#define FW_NAK_PAYLOAD_BYTES 3u

#define FW_NAK_OUT_OF_RANGE 1u
#define FW_NAK_ACTUATOR_FAULT 2u
#define FW_NAK_UNSUPPORTED_VERSION 3u
#define FW_NAK_NO_SESSION 4u

/* The largest frame the device receives (MOVE): its decoder needs no more than this. */
#define FW_MAX_HOST_FRAME_BYTES (FW_HEADER_BYTES + FW_MOVE_PAYLOAD_BYTES + FW_CRC_BYTES)

/* Little-endian field access. */
static inline void fw_put_u16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void fw_put_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline uint16_t fw_get_u16(const uint8_t *p) { return (uint16_t)(p[0] | (uint16_t)p[1] << 8); }
static inline uint32_t fw_get_u32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Whether type is a frame type of protocol version 2. */
bool fw_known_type(uint8_t type);
/* Whether payload_bytes is a valid payload length for type (false for unknown types). */
bool fw_valid_payload_length(uint8_t type, uint16_t payload_bytes);

/* Writes a whole frame (sync, version 2, type, seq, length, payload, CRC) into out, which must hold
 * FW_HEADER_BYTES + n + FW_CRC_BYTES bytes; returns that size. The payload may already be in place
 * at out + FW_HEADER_BYTES (payload == out + FW_HEADER_BYTES is allowed). */
uint16_t fw_encode_frame(uint8_t *out, uint8_t type, uint32_t seq, const uint8_t *payload, uint16_t n);

/* Packs n (even) codes of at most 12 bits into SAMPLES12 pairs: byte0 = a[7:0],
 * byte1 = b[3:0] << 4 | a[11:8], byte2 = b[11:4]. Writes 3n/2 bytes. */
void fw_pack12(uint8_t *out, const uint16_t *codes, uint16_t n);
/* Unpacks n (even) codes from SAMPLES12 pairs. */
void fw_unpack12(uint16_t *codes, const uint8_t *in, uint16_t n);

/* A frame the decoder accepted. The payload pointer is valid only during the callback. */
typedef struct {
    uint8_t version;  /* 2, or another version for a foreign HELLO (see FW_DECODE_FOREIGN_HELLO) */
    uint8_t type;
    uint32_t seq;
    uint16_t length;
    const uint8_t *payload;
} fw_frame_t;

typedef void (*fw_frame_handler)(void *ctx, const fw_frame_t *frame);

/* Which frames the decoder knows. */
enum {
    /* Only the host-to-device types (HELLO, MOVE): the device's receiver. Any other type is
     * rejected at its header like an unknown type, so the buffer needs only FW_MAX_HOST_FRAME_BYTES. */
    FW_DECODE_HOST_TO_DEVICE = 1u,
    /* Every type of version 2 (a host-side receiver, used by the tests); needs FW_MAX_FRAME_BYTES. */
    FW_DECODE_ALL_TYPES = 2u,
    /* Also deliver a whole HELLO frame (valid length and CRC) whose version byte is not 2, with its
     * version, so the device can answer NAK(0, UNSUPPORTED_VERSION) to a host of another version. */
    FW_DECODE_FOREIGN_HELLO = 4u,
};

/* Counters, by the host decoder's kinds (SerialFrontEnd names). */
typedef struct {
    uint32_t frames;          /* frames delivered */
    uint32_t bad_version;     /* candidates rejected: version byte */
    uint32_t bad_type;        /* candidates rejected: unknown (or not accepted) type */
    uint32_t bad_length;      /* candidates rejected: length not allowed for the type */
    uint32_t bad_crc;         /* candidates rejected: CRC mismatch */
    uint32_t bytes_skipped;   /* bytes dropped while searching for a frame */
} fw_decoder_counts_t;

/* Byte-wise decoder with the host's resynchronisation rule: look for A5 5A; with 10 header bytes
 * check version, type and the length for that type; wait for the whole frame; check the CRC. On any
 * failure drop only the first byte of the candidate and search again inside the bytes already held. */
typedef struct {
    uint8_t *buf;
    uint16_t capacity;
    uint16_t start;
    uint16_t end;
    uint8_t flags;
    fw_decoder_counts_t counts;
} fw_decoder_t;

/* buf must hold the largest frame the flags accept (see the flags). */
void fw_decoder_init(fw_decoder_t *d, uint8_t *buf, uint16_t capacity, uint8_t flags);
/* Feeds one byte; calls handler for each frame it completes (possibly several, after a resync). */
void fw_decoder_push(fw_decoder_t *d, uint8_t byte, fw_frame_handler handler, void *ctx);
/* Feeds n bytes. */
void fw_decoder_feed(fw_decoder_t *d, const uint8_t *bytes, uint16_t n, fw_frame_handler handler, void *ctx);

#endif
