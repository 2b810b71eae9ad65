/* Protocol v2 encoder and decoder. Portable C. */
#include "protocol.h"

#include <string.h>

#include "crc32.h"

bool fw_known_type(uint8_t type) {
    switch (type) {
    case FW_TYPE_HELLO: case FW_TYPE_MOVE: case FW_TYPE_INFO: case FW_TYPE_SAMPLES16:
    case FW_TYPE_ACK: case FW_TYPE_NAK: case FW_TYPE_SAMPLES12:
        return true;
    default:
        return false;
    }
}

bool fw_valid_payload_length(uint8_t type, uint16_t n) {
    uint16_t code_bytes = (uint16_t)(n - FW_SAMPLE_INDEX_BYTES);
    switch (type) {
    case FW_TYPE_HELLO: return n == FW_HELLO_PAYLOAD_BYTES;
    case FW_TYPE_MOVE: return n == FW_MOVE_PAYLOAD_BYTES;
    case FW_TYPE_INFO: return n == FW_INFO_PAYLOAD_BYTES;
    case FW_TYPE_ACK: return n == FW_ACK_PAYLOAD_BYTES;
    case FW_TYPE_NAK: return n == FW_NAK_PAYLOAD_BYTES;
    case FW_TYPE_SAMPLES16:
        return n >= FW_SAMPLE_INDEX_BYTES + 2u && code_bytes <= 2u * FW_MAX_SAMPLES_PER_FRAME
            && code_bytes % 2u == 0;
    case FW_TYPE_SAMPLES12:
        return n >= FW_SAMPLE_INDEX_BYTES + 3u && code_bytes <= 3u * (FW_MAX_SAMPLES_PER_FRAME / 2u)
            && code_bytes % 3u == 0;
    default:
        return false;
    }
}

uint16_t fw_encode_frame(uint8_t *out, uint8_t type, uint32_t seq, const uint8_t *payload, uint16_t n) {
    out[0] = FW_SYNC0;
    out[1] = FW_SYNC1;
    out[2] = FW_PROTOCOL_VERSION;
    out[3] = type;
    fw_put_u32(out + 4, seq);
    fw_put_u16(out + 8, n);
    if (payload != out + FW_HEADER_BYTES && n > 0) {
        memmove(out + FW_HEADER_BYTES, payload, n);
    }
    fw_put_u32(out + FW_HEADER_BYTES + n, fw_crc32(out + 2, (size_t)(FW_HEADER_BYTES - 2u + n)));
    return (uint16_t)(FW_HEADER_BYTES + n + FW_CRC_BYTES);
}

void fw_pack12(uint8_t *out, const uint16_t *codes, uint16_t n) {
    for (uint16_t i = 0; i + 1u < n; i += 2u) {
        uint16_t a = codes[i], b = codes[i + 1u];
        *out++ = (uint8_t)a;
        *out++ = (uint8_t)((b & 0x0Fu) << 4 | (a >> 8 & 0x0Fu));
        *out++ = (uint8_t)(b >> 4);
    }
}

void fw_unpack12(uint16_t *codes, const uint8_t *in, uint16_t n) {
    for (uint16_t i = 0; i + 1u < n; i += 2u) {
        codes[i] = (uint16_t)(in[0] | (uint16_t)(in[1] & 0x0Fu) << 8);
        codes[i + 1u] = (uint16_t)(in[1] >> 4 | (uint16_t)in[2] << 4);
        in += 3;
    }
}

void fw_decoder_init(fw_decoder_t *d, uint8_t *buf, uint16_t capacity, uint8_t flags) {
    memset(d, 0, sizeof *d);
    d->buf = buf;
    d->capacity = capacity;
    d->flags = flags;
}

static bool accepted_type(const fw_decoder_t *d, uint8_t type) {
    if (d->flags & FW_DECODE_ALL_TYPES) {
        return fw_known_type(type);
    }
    return type == FW_TYPE_HELLO || type == FW_TYPE_MOVE;
}

static bool crc_matches(const fw_decoder_t *d, uint16_t payload_bytes) {
    const uint8_t *f = d->buf + d->start;
    return fw_crc32(f + 2, (size_t)(FW_HEADER_BYTES - 2u + payload_bytes))
        == fw_get_u32(f + FW_HEADER_BYTES + payload_bytes);
}

static void drop_first(fw_decoder_t *d) {
    d->start++;
    d->counts.bytes_skipped++;
}

static void deliver(fw_decoder_t *d, uint16_t payload_bytes, fw_frame_handler handler, void *ctx) {
    const uint8_t *f = d->buf + d->start;
    fw_frame_t frame = {
        .version = f[2], .type = f[3], .seq = fw_get_u32(f + 4), .length = payload_bytes,
        .payload = f + FW_HEADER_BYTES,
    };
    d->counts.frames++;
    /* Advance first: the handler sees a consistent decoder. The bytes stay put until the next push. */
    d->start = (uint16_t)(d->start + FW_HEADER_BYTES + payload_bytes + FW_CRC_BYTES);
    handler(ctx, &frame);
}

/* Parses the held bytes; returns when it needs more. */
static void parse(fw_decoder_t *d, fw_frame_handler handler, void *ctx) {
    for (;;) {
        uint16_t available = (uint16_t)(d->end - d->start);
        if (available == 0) {
            d->start = d->end = 0;
            return;
        }
        const uint8_t *f = d->buf + d->start;
        if (f[0] != FW_SYNC0) {
            drop_first(d);
            continue;
        }
        if (available < 2) {
            return;
        }
        if (f[1] != FW_SYNC1) {
            drop_first(d);
            continue;
        }
        if (available < FW_HEADER_BYTES) {
            return;
        }
        uint8_t version = f[2], type = f[3];
        uint16_t payload_bytes = fw_get_u16(f + 8);
        uint16_t frame_bytes = (uint16_t)(FW_HEADER_BYTES + payload_bytes + FW_CRC_BYTES);
        if (version != FW_PROTOCOL_VERSION) {
            if ((d->flags & FW_DECODE_FOREIGN_HELLO) && type == FW_TYPE_HELLO
                    && payload_bytes == FW_HELLO_PAYLOAD_BYTES) {
                if (available < frame_bytes) {
                    return;
                }
                if (crc_matches(d, payload_bytes)) {
                    deliver(d, payload_bytes, handler, ctx);
                    continue;
                }
            }
            d->counts.bad_version++;
            drop_first(d);
            continue;
        }
        if (!accepted_type(d, type)) {
            d->counts.bad_type++;
            drop_first(d);
            continue;
        }
        if (!fw_valid_payload_length(type, payload_bytes)) {
            d->counts.bad_length++;
            drop_first(d);
            continue;
        }
        if (available < frame_bytes) {
            return;
        }
        if (!crc_matches(d, payload_bytes)) {
            d->counts.bad_crc++;
            drop_first(d);
            continue;
        }
        deliver(d, payload_bytes, handler, ctx);
    }
}

void fw_decoder_push(fw_decoder_t *d, uint8_t byte, fw_frame_handler handler, void *ctx) {
    if (d->end == d->capacity) {
        /* After a parse fewer bytes than the largest accepted frame are pending, and the buffer
         * holds at least that frame, so compacting always frees room. */
        uint16_t pending = (uint16_t)(d->end - d->start);
        memmove(d->buf, d->buf + d->start, pending);
        d->start = 0;
        d->end = pending;
    }
    d->buf[d->end++] = byte;
    parse(d, handler, ctx);
}

void fw_decoder_feed(fw_decoder_t *d, const uint8_t *bytes, uint16_t n, fw_frame_handler handler, void *ctx) {
    for (uint16_t i = 0; i < n; i++) {
        fw_decoder_push(d, bytes[i], handler, ctx);
    }
}
