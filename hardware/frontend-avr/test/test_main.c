/* Native unit tests of the portable firmware core: protocol (CRC, example frames, round trips,
 * resynchronisation), ring, motion and limits, session. Build and run with `make test`. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "device.h"
#include "hal_test.h"
#include "motion.h"
#include "protocol.h"
#include "ring.h"
#include "runner.h"

int runner_failures;

/* ---- host-side view of what the device sent ---------------------------------------------- */

#define MAX_FRAMES 4096

typedef struct {
    uint8_t type;
    uint32_t seq;
    uint16_t length;
    uint8_t payload[FW_MAX_PAYLOAD_BYTES];
} host_frame_t;

static host_frame_t frames[MAX_FRAMES];
static size_t frame_count;

static void collect(void *ctx, const fw_frame_t *f) {
    (void)ctx;
    if (frame_count < MAX_FRAMES) {
        host_frame_t *h = &frames[frame_count++];
        h->type = f->type;
        h->seq = f->seq;
        h->length = f->length;
        memcpy(h->payload, f->payload, f->length);
    }
}

static uint8_t host_buf[FW_MAX_FRAME_BYTES];
static fw_decoder_t host;

static void host_reset(void) {
    fw_decoder_init(&host, host_buf, sizeof host_buf, FW_DECODE_ALL_TYPES);
    frame_count = 0;
}

/* Decodes everything the device sent since the last call. */
static size_t sent_consumed;
static void host_receive(void) {
    fw_decoder_feed(&host, test_tx + sent_consumed, (uint16_t)(test_tx_len - sent_consumed), collect, NULL);
    sent_consumed = test_tx_len;
}

static size_t count_type(uint8_t type) {
    size_t n = 0;
    for (size_t i = 0; i < frame_count; i++) {
        n += frames[i].type == type;
    }
    return n;
}

static const host_frame_t *last_of(uint8_t type) {
    for (size_t i = frame_count; i-- > 0;) {
        if (frames[i].type == type) {
            return &frames[i];
        }
    }
    return NULL;
}

static size_t encode(uint8_t *out, uint8_t type, uint32_t seq, const uint8_t *payload, uint16_t n) {
    return fw_encode_frame(out, type, seq, payload, n);
}

/* ---- CRC and example frames ---------------------------------------------------------------- */

/* The example frames of hardware/serial-protocol.md, recomputed for version 2 (version byte 02);
 * the CRCs were computed independently with Python's zlib.crc32 over bytes 2 .. end of payload:
 * SAMPLES12 0x73543C91, MOVE 0x5A933854. */
static const uint8_t EXAMPLE_SAMPLES12[] = {
    0xa5, 0x5a, 0x02, 0x85, 0x07, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x56, 0x34, 0x12, 0xfe, 0xdc, 0xab, 0x91, 0x3c, 0x54, 0x73,
};
static const uint8_t EXAMPLE_MOVE[] = {
    0xa5, 0x5a, 0x02, 0x02, 0x03, 0x00, 0x00, 0x00, 0x06, 0x00, 0x05, 0x00, 0x2c, 0x01, 0x00, 0x00,
    0x54, 0x38, 0x93, 0x5a,
};
/* HELLO(2), sequence 0, and the same HELLO as a version-1 host frames it (version byte 01, asking
 * for 1); CRCs from zlib.crc32: 0xEB9937AD and 0x4B1D5AD2. */
static const uint8_t HELLO_V2[] = {
    0xa5, 0x5a, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0xad, 0x37, 0x99, 0xeb,
};
static const uint8_t HELLO_V1[] = {
    0xa5, 0x5a, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0xd2, 0x5a, 0x1d, 0x4b,
};

static void test_crc_check_value(void) {
    CHECK_EQ(fw_crc32((const uint8_t *)"123456789", 9), 0xCBF43926UL);
    CHECK_EQ(fw_crc32((const uint8_t *)"", 0), 0);
    /* In pieces, the same. */
    uint32_t s = fw_crc32_begin();
    s = fw_crc32_update(s, (const uint8_t *)"1234", 4);
    s = fw_crc32_update(s, (const uint8_t *)"56789", 5);
    CHECK_EQ(fw_crc32_end(s), 0xCBF43926UL);
    CHECK_EQ(fw_crc32(EXAMPLE_SAMPLES12 + 2, sizeof EXAMPLE_SAMPLES12 - 6), 0x73543C91UL);
    CHECK_EQ(fw_crc32(EXAMPLE_MOVE + 2, sizeof EXAMPLE_MOVE - 6), 0x5A933854UL);
}

static void test_example_frames_encode(void) {
    uint8_t payload[10], out[64];
    uint16_t codes[4] = {0x456, 0x123, 0xCFE, 0xABD};
    fw_put_u32(payload, 1);
    fw_pack12(payload + 4, codes, 4);
    CHECK_EQ(encode(out, FW_TYPE_SAMPLES12, 7, payload, 10), sizeof EXAMPLE_SAMPLES12);
    CHECK(memcmp(out, EXAMPLE_SAMPLES12, sizeof EXAMPLE_SAMPLES12) == 0);

    uint8_t move[6];
    fw_put_u16(move, 5);
    fw_put_u32(move + 2, 300);
    CHECK_EQ(encode(out, FW_TYPE_MOVE, 3, move, 6), sizeof EXAMPLE_MOVE);
    CHECK(memcmp(out, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE) == 0);

    uint8_t hello = 2;
    CHECK_EQ(encode(out, FW_TYPE_HELLO, 0, &hello, 1), sizeof HELLO_V2);
    CHECK(memcmp(out, HELLO_V2, sizeof HELLO_V2) == 0);
}

static void test_example_frames_decode(void) {
    host_reset();
    fw_decoder_feed(&host, EXAMPLE_SAMPLES12, sizeof EXAMPLE_SAMPLES12, collect, NULL);
    fw_decoder_feed(&host, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE, collect, NULL);
    CHECK_EQ(frame_count, 2);
    CHECK_EQ(frames[0].type, FW_TYPE_SAMPLES12);
    CHECK_EQ(frames[0].seq, 7);
    CHECK_EQ(frames[0].length, 10);
    CHECK_EQ(fw_get_u32(frames[0].payload), 1);
    uint16_t codes[4];
    fw_unpack12(codes, frames[0].payload + 4, 4);
    CHECK_EQ(codes[0], 0x456);
    CHECK_EQ(codes[1], 0x123);
    CHECK_EQ(codes[2], 0xCFE);
    CHECK_EQ(codes[3], 0xABD);
    CHECK_EQ(frames[1].type, FW_TYPE_MOVE);
    CHECK_EQ(frames[1].seq, 3);
    CHECK_EQ(fw_get_u16(frames[1].payload), 5);
    CHECK_EQ((int32_t)fw_get_u32(frames[1].payload + 2), 300);
}

static void test_pack12_every_code(void) {
    static uint16_t in[4096], out[4096];
    static uint8_t packed[4096 / 2 * 3];
    for (uint16_t shift = 0; shift < 2; shift++) {
        /* In order, then shifted by one: every code appears as the a and as the b of a pair. */
        for (uint16_t i = 0; i < 4096; i++) {
            in[i] = (uint16_t)((i + shift) & 0xFFF);
        }
        memset(out, 0, sizeof out);
        fw_pack12(packed, in, 4096);
        fw_unpack12(out, packed, 4096);
        CHECK(memcmp(in, out, sizeof in) == 0);
    }
}

static void test_round_trip_every_type(void) {
    static const struct { uint8_t type; uint16_t length; } cases[] = {
        {FW_TYPE_HELLO, 1}, {FW_TYPE_MOVE, 6}, {FW_TYPE_INFO, 36}, {FW_TYPE_ACK, 10},
        {FW_TYPE_NAK, 3}, {FW_TYPE_SAMPLES16, 4 + 2 * 1024}, {FW_TYPE_SAMPLES12, 4 + 96},
        {FW_TYPE_SAMPLES12, 4 + 3 * 512},
    };
    static uint8_t stream[16384], payload[FW_MAX_PAYLOAD_BYTES];
    size_t n = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (uint16_t i = 0; i < cases[c].length; i++) {
            payload[i] = (uint8_t)(i * 7 + c);
        }
        if (cases[c].type == FW_TYPE_SAMPLES16) {
            for (uint16_t i = 4; i < cases[c].length; i += 2) {
                payload[i + 1] &= 0x0F;
            }
        }
        n += encode(stream + n, cases[c].type, 0xFFFFFFF0u + (uint32_t)c, payload, cases[c].length);
    }
    host_reset();
    fw_decoder_feed(&host, stream, (uint16_t)n, collect, NULL);
    CHECK_EQ(frame_count, sizeof cases / sizeof cases[0]);
    for (size_t c = 0; c < frame_count; c++) {
        CHECK_EQ(frames[c].type, cases[c].type);
        CHECK_EQ(frames[c].seq, 0xFFFFFFF0u + (uint32_t)c);
        CHECK_EQ(frames[c].length, cases[c].length);
        bool same = true;
        for (uint16_t i = 0; i < cases[c].length; i++) {
            uint8_t want = (uint8_t)(i * 7 + c);
            if (cases[c].type == FW_TYPE_SAMPLES16 && i >= 4 && (i - 4) % 2 == 1) {
                want &= 0x0F;
            }
            same = same && frames[c].payload[i] == want;
        }
        CHECK(same);
    }
    CHECK_EQ(host.counts.bytes_skipped, 0);
}

/* ---- resynchronisation ----------------------------------------------------------------------- */

static void test_resync_garbage(void) {
    static uint8_t stream[512];
    size_t n = 0;
    const uint8_t garbage[] = {0x00, 0xA5, 0xA5, 0x5A, 0x02, 0x7F, 0xFF, 0xA5, 0x11, 0x5A};
    memcpy(stream + n, garbage, sizeof garbage); n += sizeof garbage;
    memcpy(stream + n, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE); n += sizeof EXAMPLE_MOVE;
    memcpy(stream + n, garbage, sizeof garbage); n += sizeof garbage;
    memcpy(stream + n, EXAMPLE_SAMPLES12, sizeof EXAMPLE_SAMPLES12); n += sizeof EXAMPLE_SAMPLES12;
    memcpy(stream + n, garbage, 3); n += 3; /* a partial sync at the end: nothing comes of it */
    host_reset();
    fw_decoder_feed(&host, stream, (uint16_t)n, collect, NULL);
    CHECK_EQ(frame_count, 2);
    CHECK_EQ(frames[0].type, FW_TYPE_MOVE);
    CHECK_EQ(frames[1].type, FW_TYPE_SAMPLES12);
    CHECK_EQ(host.counts.bad_type, 2); /* A5 5A 02 7F ... twice: unknown type 7F */
}

static void test_resync_damaged_then_good(void) {
    uint8_t stream[128];
    size_t n = 0;
    /* A damaged SAMPLES12 (one bit flipped in its codes), then a good MOVE. */
    memcpy(stream, EXAMPLE_SAMPLES12, sizeof EXAMPLE_SAMPLES12);
    stream[15] ^= 0x10;
    n += sizeof EXAMPLE_SAMPLES12;
    memcpy(stream + n, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE); n += sizeof EXAMPLE_MOVE;
    host_reset();
    fw_decoder_feed(&host, stream, (uint16_t)n, collect, NULL);
    CHECK_EQ(frame_count, 1);
    CHECK_EQ(frames[0].type, FW_TYPE_MOVE);
    CHECK_EQ(host.counts.bad_crc, 1);
}

static void test_resync_length_claims_next_frame(void) {
    /* A SAMPLES12 whose length field was damaged to claim 4 + 3·40 bytes: it swallows the MOVE behind
     * it, fails its CRC, and the MOVE is still found inside the bytes already held. */
    uint8_t stream[512];
    memcpy(stream, EXAMPLE_SAMPLES12, sizeof EXAMPLE_SAMPLES12);
    fw_put_u16(stream + 8, 4 + 3 * 40);
    size_t n = sizeof EXAMPLE_SAMPLES12;
    memcpy(stream + n, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE); n += sizeof EXAMPLE_MOVE;
    memset(stream + n, 0x33, 200); n += 200; /* traffic that completes the false candidate */
    host_reset();
    fw_decoder_feed(&host, stream, (uint16_t)n, collect, NULL);
    CHECK_EQ(frame_count, 1);
    CHECK_EQ(frames[0].type, FW_TYPE_MOVE);
    CHECK_EQ(frames[0].seq, 3);
    CHECK_EQ(host.counts.bad_crc, 1);
}

static void test_device_decoder_resync_small_buffer(void) {
    /* The device's 20-byte decoder: a damaged MOVE followed by a good one, byte by byte, with a
     * host-only type in between (rejected at its header, never waited for). */
    uint8_t buf[FW_MAX_HOST_FRAME_BYTES];
    fw_decoder_t d;
    fw_decoder_init(&d, buf, sizeof buf, FW_DECODE_HOST_TO_DEVICE);
    uint8_t stream[128];
    size_t n = 0;
    memcpy(stream, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE);
    stream[13] ^= 0x01;
    n += sizeof EXAMPLE_MOVE;
    memcpy(stream + n, EXAMPLE_SAMPLES12, 10); n += 10; /* a SAMPLES12 header: not for the device */
    memcpy(stream + n, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE); n += sizeof EXAMPLE_MOVE;
    frame_count = 0;
    for (size_t i = 0; i < n; i++) {
        fw_decoder_push(&d, stream[i], collect, NULL);
    }
    CHECK_EQ(frame_count, 1);
    CHECK_EQ(frames[0].type, FW_TYPE_MOVE);
    CHECK_EQ((int32_t)fw_get_u32(frames[0].payload + 2), 300);
    CHECK_EQ(d.counts.bad_crc, 1);
    CHECK_EQ(d.counts.bad_type, 1);
}

static void test_foreign_hello_only_with_the_flag(void) {
    /* A version-1 HELLO: the host-side decoder rejects it as another version; the device's decoder
     * (FW_DECODE_FOREIGN_HELLO) delivers it whole, with its version, so it can be refused. */
    host_reset();
    fw_decoder_feed(&host, HELLO_V1, sizeof HELLO_V1, collect, NULL);
    CHECK_EQ(frame_count, 0);
    CHECK_EQ(host.counts.bad_version, 1);
    uint8_t buf[FW_MAX_HOST_FRAME_BYTES];
    fw_decoder_t d;
    fw_decoder_init(&d, buf, sizeof buf, FW_DECODE_HOST_TO_DEVICE | FW_DECODE_FOREIGN_HELLO);
    frame_count = 0;
    fw_decoder_feed(&d, HELLO_V1, sizeof HELLO_V1, collect, NULL);
    CHECK_EQ(frame_count, 1);
    CHECK_EQ(frames[0].type, FW_TYPE_HELLO);
    /* ... but not when damaged. */
    uint8_t damaged[sizeof HELLO_V1];
    memcpy(damaged, HELLO_V1, sizeof damaged);
    damaged[10] ^= 0x04;
    fw_decoder_feed(&d, damaged, sizeof damaged, collect, NULL);
    CHECK_EQ(frame_count, 1);
    CHECK_EQ(d.counts.bad_version, 1);
}

static void test_every_truncation_and_flip_never_yields_a_wrong_frame(void) {
    /* Each single-bit flip of the MOVE example, followed by the intact frame: exactly one frame comes
     * out each time, the intact one. */
    uint8_t stream[64];
    for (size_t bit = 0; bit < 8 * sizeof EXAMPLE_MOVE; bit++) {
        memcpy(stream, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE);
        stream[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        memcpy(stream + sizeof EXAMPLE_MOVE, EXAMPLE_MOVE, sizeof EXAMPLE_MOVE);
        host_reset();
        fw_decoder_feed(&host, stream, 2 * sizeof EXAMPLE_MOVE, collect, NULL);
        CHECK_EQ(frame_count, 1);
        CHECK(frame_count == 1 && memcmp(frames[0].payload, EXAMPLE_MOVE + 10, 6) == 0);
    }
}

/* ---- ring ------------------------------------------------------------------------------------- */

static fw_ring_t ring;

static void push_block(fw_ring_t *r, uint32_t first) {
    for (uint32_t k = 0; k < FW_SAMPLES_PER_FRAME; k++) {
        fw_ring_push(r, (uint16_t)((first + k) & 0x3FF));
    }
}

static bool block_holds(const fw_block_t *b, uint32_t first) {
    uint16_t codes[FW_SAMPLES_PER_FRAME];
    fw_unpack12(codes, b->codes, FW_SAMPLES_PER_FRAME);
    bool ok = b->first_index == first;
    for (uint32_t k = 0; k < FW_SAMPLES_PER_FRAME; k++) {
        ok = ok && codes[k] == ((first + k) & 0x3FF);
    }
    return ok;
}

static void test_ring_wrap(void) {
    memset(&ring, 0, sizeof ring);
    fw_ring_restart(&ring, 0xFFFFFF00u); /* the index wraps through 2^32 too */
    uint32_t next = 0xFFFFFF00u;
    for (uint32_t round = 0; round < 5u * FW_RING_BLOCKS; round++) {
        push_block(&ring, next + round * FW_SAMPLES_PER_FRAME);
        CHECK_EQ(fw_ring_waiting(&ring), 1);
        const fw_block_t *b = fw_ring_peek(&ring);
        CHECK(b != NULL && block_holds(b, next + round * FW_SAMPLES_PER_FRAME));
        fw_ring_pop(&ring);
        CHECK(fw_ring_peek(&ring) == NULL);
    }
    CHECK_EQ(ring.overrun_samples, 0);
    CHECK_EQ(ring.published_blocks, 5 * FW_RING_BLOCKS);
    /* A half-filled block is not published. */
    for (uint32_t k = 0; k < FW_SAMPLES_PER_FRAME - 1; k++) {
        fw_ring_push(&ring, 1);
    }
    CHECK(fw_ring_peek(&ring) == NULL);
}

static void test_ring_overrun_leaves_a_gap(void) {
    memset(&ring, 0, sizeof ring);
    fw_ring_restart(&ring, 1000);
    /* The consumer is away for FW_RING_BLOCKS + 2 blocks: FW_RING_BLOCKS − 1 wait, the rest drop. */
    for (uint32_t b = 0; b < FW_RING_BLOCKS + 2; b++) {
        push_block(&ring, 1000 + b * FW_SAMPLES_PER_FRAME);
    }
    CHECK_EQ(fw_ring_waiting(&ring), FW_RING_BLOCKS - 1);
    CHECK_EQ(ring.overrun_samples, 3 * FW_SAMPLES_PER_FRAME);
    for (uint32_t b = 0; b < FW_RING_BLOCKS - 1; b++) {
        const fw_block_t *blk = fw_ring_peek(&ring);
        CHECK(blk != NULL && block_holds(blk, 1000 + b * FW_SAMPLES_PER_FRAME));
        fw_ring_pop(&ring);
    }
    CHECK(fw_ring_peek(&ring) == NULL);
    /* The next block carries its true index: the gap is the dropped blocks. */
    uint32_t after = 1000 + (FW_RING_BLOCKS + 2) * FW_SAMPLES_PER_FRAME;
    push_block(&ring, after);
    const fw_block_t *blk = fw_ring_peek(&ring);
    CHECK(blk != NULL && block_holds(blk, after));
    CHECK_EQ(after - (1000 + (FW_RING_BLOCKS - 1) * FW_SAMPLES_PER_FRAME), ring.overrun_samples);
}

static void test_ring_restart_discards(void) {
    memset(&ring, 0, sizeof ring);
    fw_ring_restart(&ring, 0);
    push_block(&ring, 0);
    push_block(&ring, FW_SAMPLES_PER_FRAME);
    fw_ring_push(&ring, 5); /* half a block under way */
    fw_ring_restart(&ring, 500);
    CHECK(fw_ring_peek(&ring) == NULL);
    push_block(&ring, 500);
    const fw_block_t *b = fw_ring_peek(&ring);
    CHECK(b != NULL && block_holds(b, 500));
}

/* ---- motion and limits ----------------------------------------------------------------------- */

static void test_motion_step_rate_and_effective_index(void) {
    fw_motion_t m;
    fw_motion_init(&m, 100, 3);
    fw_motion_start(&m, 9, 103);
    int steps = 0;
    uint32_t counter = 0;
    uint32_t step_at[8];
    while (m.active && counter < 100) {
        counter++;
        int8_t s = fw_motion_tick(&m, false, counter);
        if (s != 0) {
            CHECK_EQ(s, 1);
            step_at[steps++] = counter;
        }
    }
    CHECK_EQ(steps, 3);
    CHECK_EQ(step_at[0], 1); /* first step at the first tick, then one every 3 samples */
    CHECK_EQ(step_at[1], 4);
    CHECK_EQ(step_at[2], 7);
    CHECK_EQ(m.position, 103);
    CHECK_EQ(m.done, FW_MOVE_REACHED);
    CHECK_EQ(m.done_index, 7); /* the counter after the last step's sample: first at the new place */
    CHECK_EQ(m.done_id, 9);
}

static void test_motion_switch_stops_toward_min(void) {
    fw_motion_t m;
    fw_motion_init(&m, 50, 1);
    fw_motion_start(&m, 4, 10);
    CHECK_EQ(fw_motion_tick(&m, false, 1), -1);
    CHECK_EQ(fw_motion_tick(&m, false, 2), -1);
    CHECK_EQ(fw_motion_tick(&m, true, 3), 0); /* switch closes: no further step */
    CHECK_EQ(m.position, 48);
    CHECK(!m.active);
    CHECK_EQ(m.done, FW_MOVE_FAULT);
    CHECK_EQ(m.done_index, 3);
    /* Away from min, the closed switch does not hold the actuator. */
    m.done = FW_MOVE_NONE;
    fw_motion_start(&m, 5, 50);
    CHECK_EQ(fw_motion_tick(&m, true, 4), 1);
    CHECK_EQ(m.position, 49);
}

/* ---- session ---------------------------------------------------------------------------------- */

static fw_device_t dev;
static const fw_settings_t SETTINGS = {
    .sample_rate_hz = 20000, .full_scale_uv = 3300000, .min_position = 0, .max_position = 10000,
    .initial_position = 2000, .step_divider = 2, .boot_id = 0xB007B007u,
};
static uint32_t code_seed;

static void session_reset(void) {
    test_hal_reset();
    sent_consumed = 0;
    host_reset();
    fw_device_init(&dev, &SETTINGS);
}

static uint16_t code_of(uint32_t index) {
    return (uint16_t)((index * 37u + code_seed) & 0x3FF);
}

/* Runs the sampling "interrupt" n times, polling the main loop every `poll_every` samples;
 * switch_closed_below: the switch reads closed while the position is below it. */
static int32_t switch_below = -1;
static void run_samples(uint32_t n, uint32_t poll_every) {
    for (uint32_t i = 0; i < n; i++) {
        fw_device_sample(&dev, code_of(dev.counter), dev.motion.position < switch_below);
        if ((i + 1) % poll_every == 0) {
            fw_device_poll(&dev);
        }
    }
    fw_device_poll(&dev);
    host_receive();
}

static void host_sends(uint8_t type, uint32_t seq, const uint8_t *payload, uint16_t n) {
    uint8_t f[64];
    size_t len = encode(f, type, seq, payload, n);
    test_host_send(f, len);
}

static void send_hello(uint8_t version) {
    host_sends(FW_TYPE_HELLO, 0, &version, 1);
}

static void send_move(uint16_t id, int32_t target) {
    uint8_t p[6];
    fw_put_u16(p, id);
    fw_put_u32(p + 2, (uint32_t)target);
    host_sends(FW_TYPE_MOVE, 1, p, 6);
}

static void test_session_silent_until_hello_then_info(void) {
    session_reset();
    run_samples(1000, 64);
    CHECK_EQ(test_tx_len, 0); /* silent: no host, nothing sent */
    send_hello(2);
    run_samples(1, 1);
    CHECK_EQ(frame_count, 1);
    const host_frame_t *info = last_of(FW_TYPE_INFO);
    CHECK(info != NULL);
    if (info == NULL) return;
    CHECK_EQ(info->seq, 0);
    CHECK_EQ(info->length, 36);
    CHECK_EQ(info->payload[0], 2);
    CHECK_EQ(info->payload[1], 1);
    CHECK_EQ(info->payload[2], 0);
    CHECK_EQ(info->payload[3], 0);
    CHECK_EQ(info->payload[4], 10);
    CHECK_EQ(info->payload[5], 0x85);
    CHECK_EQ(fw_get_u16(info->payload + 6), 64);
    CHECK_EQ(fw_get_u32(info->payload + 8), 20000);
    CHECK_EQ(fw_get_u32(info->payload + 12), 3300000);
    CHECK_EQ((int32_t)fw_get_u32(info->payload + 16), 0);
    CHECK_EQ((int32_t)fw_get_u32(info->payload + 20), 10000);
    CHECK_EQ((int32_t)fw_get_u32(info->payload + 24), 2000);
    CHECK_EQ(fw_get_u32(info->payload + 28), 0xB007B007u);
    /* The HELLO was handled after sample 1000 was counted (poll after each sample): streaming
     * starts at the counter then, not at 0. */
    CHECK_EQ(fw_get_u32(info->payload + 32), 1001);
    /* Samples follow, SAMPLES12 of 64, from that index on, seq 1, 2, ... with the codes taken. */
    run_samples(64 * 3, 16);
    CHECK_EQ(count_type(FW_TYPE_SAMPLES12), 3);
    uint32_t expected_index = 1001;
    uint32_t expected_seq = 1;
    bool codes_ok = true;
    for (size_t i = 0; i < frame_count; i++) {
        if (frames[i].type != FW_TYPE_SAMPLES12) continue;
        CHECK_EQ(frames[i].length, 4 + 96);
        CHECK_EQ(frames[i].seq, expected_seq);
        CHECK_EQ(fw_get_u32(frames[i].payload), expected_index);
        uint16_t codes[64];
        fw_unpack12(codes, frames[i].payload + 4, 64);
        for (uint32_t k = 0; k < 64; k++) {
            codes_ok = codes_ok && codes[k] == code_of(expected_index + k);
        }
        expected_index += 64;
        expected_seq++;
    }
    CHECK(codes_ok);
}

static void test_session_hello_other_version_nak(void) {
    session_reset();
    send_hello(3);
    run_samples(200, 10);
    CHECK_EQ(frame_count, 1);
    CHECK_EQ(frames[0].type, FW_TYPE_NAK);
    CHECK_EQ(fw_get_u16(frames[0].payload), 0);
    CHECK_EQ(frames[0].payload[2], FW_NAK_UNSUPPORTED_VERSION);
    /* A version-1 host's HELLO (version byte 01) gets the same answer, in v2 framing. */
    test_host_send(HELLO_V1, sizeof HELLO_V1);
    run_samples(200, 10);
    CHECK_EQ(frame_count, 2);
    CHECK_EQ(frames[1].type, FW_TYPE_NAK);
    CHECK_EQ(frames[1].payload[2], FW_NAK_UNSUPPORTED_VERSION);
    CHECK_EQ(count_type(FW_TYPE_SAMPLES12), 0); /* and it stays silent */
    /* A streaming session ends at a HELLO of another version. */
    send_hello(2);
    run_samples(128, 8);
    size_t streamed = count_type(FW_TYPE_SAMPLES12);
    CHECK(streamed >= 1);
    send_hello(1);
    run_samples(640, 8);
    CHECK_EQ(count_type(FW_TYPE_SAMPLES12), streamed);
    CHECK_EQ(frames[frame_count - 1].type, FW_TYPE_NAK);
    /* A move under way when the session ends finishes, unanswered: the device stays silent. */
    send_hello(2);
    run_samples(1, 1);
    send_move(11, 2500);
    run_samples(10, 1);
    send_hello(4);
    size_t before = frame_count;
    run_samples(2000, 16);
    CHECK_EQ(dev.motion.position, 2500);
    CHECK_EQ(frame_count, before + 1);
    CHECK_EQ(frames[frame_count - 1].type, FW_TYPE_NAK);
    CHECK_EQ(count_type(FW_TYPE_ACK), 0);
}

static void test_session_move_before_hello_nak(void) {
    session_reset();
    send_move(17, 3000);
    run_samples(100, 10);
    CHECK_EQ(frame_count, 1);
    CHECK_EQ(frames[0].type, FW_TYPE_NAK);
    CHECK_EQ(fw_get_u16(frames[0].payload), 17);
    CHECK_EQ(frames[0].payload[2], FW_NAK_NO_SESSION);
    CHECK_EQ(dev.motion.position, 2000);
}

static void test_session_move_out_of_range_nak(void) {
    session_reset();
    send_hello(2);
    run_samples(1, 1);
    send_move(1, -1);
    send_move(2, 10001);
    send_move(3, 10000); /* the end itself is in range */
    run_samples(2 * 8000 + 64, 32);
    const host_frame_t *nak1 = NULL, *nak2 = NULL, *ack3 = NULL;
    for (size_t i = 0; i < frame_count; i++) {
        if (frames[i].type == FW_TYPE_NAK && fw_get_u16(frames[i].payload) == 1) nak1 = &frames[i];
        if (frames[i].type == FW_TYPE_NAK && fw_get_u16(frames[i].payload) == 2) nak2 = &frames[i];
        if (frames[i].type == FW_TYPE_ACK && fw_get_u16(frames[i].payload) == 3) ack3 = &frames[i];
    }
    CHECK(nak1 != NULL && nak1->payload[2] == FW_NAK_OUT_OF_RANGE);
    CHECK(nak2 != NULL && nak2->payload[2] == FW_NAK_OUT_OF_RANGE);
    CHECK(ack3 != NULL && (int32_t)fw_get_u32(ack3->payload + 2) == 10000);
    CHECK_EQ(count_type(FW_TYPE_ACK), 1);
    CHECK_EQ(dev.motion.position, 10000);
}

static void test_session_ack_effective_index(void) {
    session_reset();
    send_hello(2);
    run_samples(10, 1);
    uint32_t at_move = dev.counter; /* the MOVE is handled at the next poll, after one more sample */
    send_move(42, 2010);
    /* Track the position at every sample, as the physics would see it. */
    int32_t position_at[400];
    uint32_t base = dev.counter;
    for (uint32_t i = 0; i < 300; i++) {
        position_at[i] = dev.motion.position; /* sample base + i is taken at this position */
        fw_device_sample(&dev, code_of(dev.counter), false);
        fw_device_poll(&dev);
    }
    host_receive();
    const host_frame_t *ack = last_of(FW_TYPE_ACK);
    CHECK(ack != NULL);
    if (ack == NULL) return;
    CHECK_EQ(fw_get_u16(ack->payload), 42);
    CHECK_EQ((int32_t)fw_get_u32(ack->payload + 2), 2010);
    uint32_t effective = fw_get_u32(ack->payload + 6);
    CHECK(effective > at_move);
    /* Every sample from the effective index on was taken at 2010; the one before it was not. */
    CHECK(effective - base >= 1 && effective - base < 300);
    CHECK_EQ(position_at[effective - base], 2010);
    CHECK(position_at[effective - base - 1] != 2010);
    for (uint32_t i = effective - base; i < 300; i++) {
        CHECK_EQ(position_at[i], 2010);
    }
    /* 10 steps at one per 2 samples: the move took 19 sample periods after its first step. */
    uint32_t first_step = 0;
    for (uint32_t i = 1; i < 300; i++) {
        if (position_at[i] != position_at[0]) { first_step = i; break; }
    }
    CHECK_EQ(effective - base - first_step, 18);
    /* Repeating the MOVE (same id, already there) is answered at once, same position. */
    send_move(42, 2010);
    run_samples(1, 1);
    CHECK_EQ(count_type(FW_TYPE_ACK), 2);
}

static void test_session_switch_fault_nak(void) {
    session_reset();
    switch_below = 1990; /* the home switch closes below 1990 steps */
    send_hello(2);
    run_samples(1, 1);
    send_move(7, 1000);
    run_samples(200, 4);
    switch_below = -1;
    const host_frame_t *nak = last_of(FW_TYPE_NAK);
    CHECK(nak != NULL && fw_get_u16(nak->payload) == 7 && nak->payload[2] == FW_NAK_ACTUATOR_FAULT);
    CHECK_EQ(count_type(FW_TYPE_ACK), 0);
    CHECK_EQ(dev.motion.position, 1989);
    CHECK(!dev.motion.active);
    /* Moving away from the switch still works. */
    send_move(8, 1995);
    run_samples(100, 4);
    const host_frame_t *ack = last_of(FW_TYPE_ACK);
    CHECK(ack != NULL && fw_get_u16(ack->payload) == 8 && (int32_t)fw_get_u32(ack->payload + 2) == 1995);
}

static void test_session_second_hello_restarts(void) {
    session_reset();
    send_hello(2);
    run_samples(1, 1);
    run_samples(64 * 4, 64);
    CHECK_EQ(count_type(FW_TYPE_SAMPLES12), 4);
    /* The host goes away for a while (the device goes on sampling, and nobody polls it: the ring
     * fills and overruns), then says HELLO again. */
    for (uint32_t i = 0; i < 64 * 20; i++) {
        fw_device_sample(&dev, code_of(dev.counter), false);
    }
    CHECK(dev.ring.overrun_samples > 0);
    uint32_t counter_at_hello = dev.counter;
    send_hello(2);
    fw_device_poll(&dev);
    host_receive();
    const host_frame_t *info = last_of(FW_TYPE_INFO);
    CHECK(info != NULL && info->seq == 0);
    CHECK(info != NULL && fw_get_u32(info->payload + 32) == counter_at_hello);
    CHECK(info != NULL && fw_get_u32(info->payload + 28) == 0xB007B007u); /* same boot */
    /* Nothing older than the HELLO comes after the INFO, and the sequence goes on from 1. */
    size_t before = frame_count;
    run_samples(64 * 2, 64);
    CHECK_EQ(frame_count, before + 2);
    CHECK_EQ(frames[before].type, FW_TYPE_SAMPLES12);
    CHECK_EQ(frames[before].seq, 1);
    CHECK_EQ(fw_get_u32(frames[before].payload), counter_at_hello);
    CHECK_EQ(fw_get_u32(frames[before + 1].payload), counter_at_hello + 64);
}

static void test_session_move_superseded(void) {
    session_reset();
    send_hello(2);
    run_samples(1, 1);
    send_move(1, 3000);
    run_samples(20, 20); /* 10 steps done */
    send_move(2, 2000);  /* the host gave up on 1 */
    run_samples(200, 10);
    CHECK_EQ(count_type(FW_TYPE_ACK), 2);
    const host_frame_t *first = NULL;
    for (size_t i = 0; i < frame_count; i++) {
        if (frames[i].type == FW_TYPE_ACK) { first = &frames[i]; break; }
    }
    CHECK(first != NULL && fw_get_u16(first->payload) == 1);
    CHECK(first != NULL && (int32_t)fw_get_u32(first->payload + 2) > 2000);
    const host_frame_t *last = last_of(FW_TYPE_ACK);
    CHECK(last != NULL && fw_get_u16(last->payload) == 2 && (int32_t)fw_get_u32(last->payload + 2) == 2000);
    CHECK_EQ(dev.motion.position, 2000);
}

static const test_case_t TESTS[] = {
    {"crc check value", test_crc_check_value},
    {"example frames encode (v2)", test_example_frames_encode},
    {"example frames decode (v2)", test_example_frames_decode},
    {"12-bit packing of every code", test_pack12_every_code},
    {"round trip of every type", test_round_trip_every_type},
    {"resync: garbage around frames", test_resync_garbage},
    {"resync: damaged frame then good one", test_resync_damaged_then_good},
    {"resync: damaged length claims the next frame", test_resync_length_claims_next_frame},
    {"resync: device decoder, byte by byte", test_device_decoder_resync_small_buffer},
    {"decoder: foreign HELLO only on the device", test_foreign_hello_only_with_the_flag},
    {"resync: every bit flip of MOVE", test_every_truncation_and_flip_never_yields_a_wrong_frame},
    {"ring: wrap", test_ring_wrap},
    {"ring: overrun leaves a counted gap", test_ring_overrun_leaves_a_gap},
    {"ring: restart discards", test_ring_restart_discards},
    {"motion: step rate and effective index", test_motion_step_rate_and_effective_index},
    {"limits: switch stops a move toward min", test_motion_switch_stops_toward_min},
    {"session: silent until HELLO, INFO, samples", test_session_silent_until_hello_then_info},
    {"session: HELLO of another version", test_session_hello_other_version_nak},
    {"session: MOVE before HELLO", test_session_move_before_hello_nak},
    {"limits: MOVE out of range", test_session_move_out_of_range_nak},
    {"session: ACK effective index", test_session_ack_effective_index},
    {"limits: switch fault NAK", test_session_switch_fault_nak},
    {"session: second HELLO restarts", test_session_second_hello_restarts},
    {"session: MOVE superseded", test_session_move_superseded},
};

int main(void) {
    int failed = 0;
    size_t n = sizeof TESTS / sizeof TESTS[0];
    for (size_t i = 0; i < n; i++) {
        int before = runner_failures;
        TESTS[i].fn();
        bool ok = runner_failures == before;
        printf("%s %s\n", ok ? "PASS" : "FAIL", TESTS[i].name);
        failed += !ok;
    }
    printf("%zu tests, %d failed\n", n, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
