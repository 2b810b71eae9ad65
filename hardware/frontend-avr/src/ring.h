/* Sample ring between the ADC interrupt (producer) and the main loop (consumer). Portable C.
 *
 * The ring holds whole frames' worth of samples: FW_RING_BLOCKS slots of FW_SAMPLES_PER_FRAME codes,
 * packed as SAMPLES12 pairs as they arrive (3 bytes per 2 codes, so a slot is the frame's code bytes
 * and sending it is a copy). The producer fills the slot at `head`; when it is full it is published
 * (head advances) unless that would reach the consumer's `tail`: then the ring is full and the block
 * just filled is dropped (an overrun: FW_SAMPLES_PER_FRAME samples counted in overrun_samples). Every
 * block carries the index of its first sample, so a dropped block is a gap in the indices the host
 * sees and counts, never a silent splice. At most FW_RING_BLOCKS − 1 blocks wait to be sent.
 *
 * Single producer, single consumer: the producer writes only head and the fill state, the consumer
 * only tail, both 8-bit (atomic on the AVR). fw_ring_restart() touches both sides: call it with the
 * producer's interrupt masked. */
#ifndef FW_RING_H
#define FW_RING_H

#include <stdint.h>

#include "fw_config.h"

#define FW_BLOCK_BYTES (FW_SAMPLES_PER_FRAME / 2u * 3u)

typedef struct {
    uint32_t first_index;             /* sample index of the block's first code */
    uint8_t codes[FW_BLOCK_BYTES];    /* SAMPLES12-packed codes */
} fw_block_t;

typedef struct {
    fw_block_t slots[FW_RING_BLOCKS];
    volatile uint8_t head;            /* slot being filled (producer) */
    volatile uint8_t tail;            /* oldest published slot (consumer) */
    uint16_t fill;                    /* codes in the slot being filled (producer) */
    uint8_t *write;                   /* where the next pair goes in that slot (producer) */
    volatile uint32_t overrun_samples; /* samples dropped because the ring was full (producer) */
    volatile uint32_t published_blocks; /* blocks published (producer) */
} fw_ring_t;

/* Empties the ring; the next sample pushed carries index next_index. */
void fw_ring_restart(fw_ring_t *r, uint32_t next_index);
/* Producer: appends one code (0 .. 4095); the sample index is implicit (one more than the last). */
void fw_ring_push(fw_ring_t *r, uint16_t code);
/* Consumer: the oldest published block, or 0 (NULL) when none is waiting. */
const fw_block_t *fw_ring_peek(const fw_ring_t *r);
/* Consumer: releases the block fw_ring_peek returned. */
void fw_ring_pop(fw_ring_t *r);
/* Consumer: blocks waiting. */
uint8_t fw_ring_waiting(const fw_ring_t *r);

#endif
