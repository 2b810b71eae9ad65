#include "device.h"

#include <string.h>

#include "hal.h"

void fw_device_init(fw_device_t *d, const fw_settings_t *s) {
    memset(d, 0, sizeof *d);
    d->settings = *s;
    fw_motion_init(&d->motion, s->initial_position, s->step_divider);
    fw_ring_restart(&d->ring, 0);
    fw_decoder_init(&d->decoder, d->rx_buf, sizeof d->rx_buf,
                    FW_DECODE_HOST_TO_DEVICE | FW_DECODE_FOREIGN_HELLO);
}

int8_t fw_device_sample(fw_device_t *d, uint16_t code, bool switch_closed) {
    fw_ring_push(&d->ring, code);
    uint32_t counter = d->counter + 1u;
    d->counter = counter;
    return fw_motion_tick(&d->motion, switch_closed, counter);
}

/* Encodes the payload already in tx_buf + FW_HEADER_BYTES and sends the frame. */
static void send(fw_device_t *d, uint8_t type, uint16_t payload_bytes) {
    uint16_t n = fw_encode_frame(d->tx_buf, type, d->tx_seq, d->tx_buf + FW_HEADER_BYTES, payload_bytes);
    d->tx_seq++;
    d->frames_sent++;
    hal_tx(d->tx_buf, n);
}

static void send_nak(fw_device_t *d, uint16_t id, uint8_t reason) {
    uint8_t *p = d->tx_buf + FW_HEADER_BYTES;
    fw_put_u16(p, id);
    p[2] = reason;
    send(d, FW_TYPE_NAK, FW_NAK_PAYLOAD_BYTES);
}

static void send_ack(fw_device_t *d, uint16_t id, int32_t position, uint32_t effective_index) {
    uint8_t *p = d->tx_buf + FW_HEADER_BYTES;
    fw_put_u16(p, id);
    fw_put_u32(p + 2, (uint32_t)position);
    fw_put_u32(p + 6, effective_index);
    send(d, FW_TYPE_ACK, FW_ACK_PAYLOAD_BYTES);
}

static void send_info(fw_device_t *d, int32_t position, uint32_t next_index) {
    const fw_settings_t *s = &d->settings;
    uint8_t *p = d->tx_buf + FW_HEADER_BYTES;
    p[0] = FW_PROTOCOL_VERSION;
    p[1] = FW_VERSION_MAJOR;
    p[2] = FW_VERSION_MINOR;
    p[3] = FW_VERSION_PATCH;
    p[4] = FW_ADC_BITS;
    p[5] = FW_TYPE_SAMPLES12;
    fw_put_u16(p + 6, FW_SAMPLES_PER_FRAME);
    fw_put_u32(p + 8, s->sample_rate_hz);
    fw_put_u32(p + 12, s->full_scale_uv);
    fw_put_u32(p + 16, (uint32_t)s->min_position);
    fw_put_u32(p + 20, (uint32_t)s->max_position);
    fw_put_u32(p + 24, (uint32_t)position);
    fw_put_u32(p + 28, s->boot_id);
    fw_put_u32(p + 32, next_index);
    send(d, FW_TYPE_INFO, FW_INFO_PAYLOAD_BYTES);
}

/* Answers a move the interrupt finished (ACK with its effective index, or NAK ACTUATOR_FAULT). */
static void report_motion(fw_device_t *d) {
    if (d->motion.done == FW_MOVE_NONE) {
        return;
    }
    uint8_t irq = hal_irq_save();
    uint8_t how = d->motion.done;
    uint16_t id = d->motion.done_id;
    int32_t position = d->motion.done_position;
    uint32_t index = d->motion.done_index;
    d->motion.done = FW_MOVE_NONE;
    hal_irq_restore(irq);
    if (!d->session) {
        return; /* the session ended (HELLO of another version): the device stays silent */
    }
    if (how == FW_MOVE_REACHED) {
        send_ack(d, id, position, index);
    } else {
        send_nak(d, id, FW_NAK_ACTUATOR_FAULT);
    }
}

static void on_hello(fw_device_t *d, const fw_frame_t *f) {
    uint8_t asked = f->version == FW_PROTOCOL_VERSION ? f->payload[0] : f->version;
    if (asked != FW_PROTOCOL_VERSION) {
        d->session = false;
        d->tx_seq = 0;
        send_nak(d, 0, FW_NAK_UNSUPPORTED_VERSION);
        return;
    }
    uint8_t irq = hal_irq_save();
    uint32_t next = d->counter;
    fw_ring_restart(&d->ring, next); /* nothing older than the HELLO is sent */
    int32_t position = d->motion.position;
    hal_irq_restore(irq);
    d->session = true;
    d->sessions++;
    d->tx_seq = 0;
    send_info(d, position, next);
}

static void on_move(fw_device_t *d, const fw_frame_t *f) {
    uint16_t id = fw_get_u16(f->payload);
    int32_t target = (int32_t)fw_get_u32(f->payload + 2);
    if (!d->session) {
        send_nak(d, id, FW_NAK_NO_SESSION);
        return;
    }
    if (target < d->settings.min_position || target > d->settings.max_position) {
        send_nak(d, id, FW_NAK_OUT_OF_RANGE);
        return;
    }
    report_motion(d); /* an earlier move that just finished is answered first */
    bool superseded = false, at_target = false;
    uint16_t old_id = 0;
    int32_t position;
    uint32_t index;
    uint8_t irq = hal_irq_save();
    position = d->motion.position;
    index = d->counter;
    if (d->motion.active) {
        if (d->motion.id != id) {
            superseded = true;
            old_id = d->motion.id;
        }
        fw_motion_start(&d->motion, id, target);
    } else if (target == position) {
        at_target = true;
    } else {
        fw_motion_start(&d->motion, id, target);
    }
    hal_irq_restore(irq);
    if (superseded) {
        /* The host has one MOVE outstanding: it sends another id only after abandoning the earlier
         * one. That one is answered with the position it had reached. */
        send_ack(d, old_id, position, index);
    }
    if (at_target) {
        send_ack(d, id, position, index);
    }
}

static void on_frame(void *ctx, const fw_frame_t *f) {
    fw_device_t *d = ctx;
    if (f->type == FW_TYPE_HELLO) {
        on_hello(d, f);
    } else if (f->type == FW_TYPE_MOVE) {
        on_move(d, f);
    }
}

static void send_block(fw_device_t *d, const fw_block_t *b) {
    uint8_t *p = d->tx_buf + FW_HEADER_BYTES;
    fw_put_u32(p, b->first_index);
    memcpy(p + FW_SAMPLE_INDEX_BYTES, b->codes, FW_BLOCK_BYTES);
    send(d, FW_TYPE_SAMPLES12, (uint16_t)(FW_SAMPLE_INDEX_BYTES + FW_BLOCK_BYTES));
    d->sample_frames_sent++;
}

void fw_device_poll(fw_device_t *d) {
    report_motion(d);
    int16_t c;
    while ((c = hal_rx()) >= 0) {
        fw_decoder_push(&d->decoder, (uint8_t)c, on_frame, d);
    }
    report_motion(d);
    const fw_block_t *b;
    while ((b = fw_ring_peek(&d->ring)) != NULL) {
        if (d->session) {
            send_block(d, b);
        } else {
            d->blocks_unsent++;
        }
        fw_ring_pop(&d->ring);
        report_motion(d); /* an ACK need not wait behind the whole backlog */
    }
}
