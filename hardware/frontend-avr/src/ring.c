#include "ring.h"

#include <stddef.h>

static uint8_t next_slot(uint8_t i) {
    return (uint8_t)(i + 1u == FW_RING_BLOCKS ? 0u : i + 1u);
}

void fw_ring_restart(fw_ring_t *r, uint32_t next_index) {
    r->tail = r->head;
    r->fill = 0;
    r->write = r->slots[r->head].codes;
    r->slots[r->head].first_index = next_index;
}

/* Runs in the sampling interrupt: kept short (a pointer, no index arithmetic per code). */
void fw_ring_push(fw_ring_t *r, uint16_t code) {
    uint8_t *p = r->write;
    uint16_t i = r->fill;
    if ((i & 1u) == 0) {
        p[0] = (uint8_t)code;
        p[1] = (uint8_t)(code >> 8 & 0x0Fu);
    } else {
        p[1] = (uint8_t)(p[1] | (code & 0x0Fu) << 4);
        p[2] = (uint8_t)(code >> 4);
        r->write = p + 3;
    }
    if (++i < FW_SAMPLES_PER_FRAME) {
        r->fill = i;
        return;
    }
    r->fill = 0;
    uint8_t h = r->head;
    fw_block_t *b = &r->slots[h];
    uint32_t next_first = b->first_index + FW_SAMPLES_PER_FRAME;
    uint8_t n = next_slot(h);
    if (n == r->tail) {
        r->overrun_samples += FW_SAMPLES_PER_FRAME; /* full: this block is dropped, its slot refilled */
    } else {
        r->published_blocks++;
        r->head = n;
        b = &r->slots[n];
    }
    b->first_index = next_first;
    r->write = b->codes;
}

const fw_block_t *fw_ring_peek(const fw_ring_t *r) {
    uint8_t t = r->tail;
    return t == r->head ? NULL : &r->slots[t];
}

void fw_ring_pop(fw_ring_t *r) {
    uint8_t t = r->tail;
    if (t != r->head) {
        r->tail = next_slot(t);
    }
}

uint8_t fw_ring_waiting(const fw_ring_t *r) {
    uint8_t h = r->head, t = r->tail;
    return (uint8_t)(h >= t ? (unsigned)(h - t) : h + FW_RING_BLOCKS - t);
}
