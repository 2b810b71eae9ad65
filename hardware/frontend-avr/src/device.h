/* The front-end device: session logic (HELLO/INFO/NAK, MOVE/ACK/NAK), sample streaming and the
 * per-sample entry point of the sampling interrupt. Portable C over hal.h.
 *
 * Concurrency: fw_device_sample() runs in the sampling interrupt (producer); fw_device_poll() runs in
 * the main loop. They share the ring (see ring.h), the motion state (the main loop touches it only
 * with the interrupt masked) and the sample counter (read with the interrupt masked). */
#ifndef FW_DEVICE_H
#define FW_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "fw_config.h"
#include "motion.h"
#include "protocol.h"
#include "ring.h"

typedef struct {
    uint32_t sample_rate_hz;
    uint32_t full_scale_uv;
    int32_t min_position;
    int32_t max_position;
    int32_t initial_position;
    uint8_t step_divider;
    uint32_t boot_id;
} fw_settings_t;

#define FW_SAMPLE_FRAME_BYTES (FW_HEADER_BYTES + FW_SAMPLE_INDEX_BYTES + FW_BLOCK_BYTES + FW_CRC_BYTES)
#define FW_INFO_FRAME_BYTES (FW_HEADER_BYTES + FW_INFO_PAYLOAD_BYTES + FW_CRC_BYTES)
#define FW_TX_FRAME_BYTES \
    (FW_SAMPLE_FRAME_BYTES > FW_INFO_FRAME_BYTES ? FW_SAMPLE_FRAME_BYTES : FW_INFO_FRAME_BYTES)

typedef struct {
    fw_settings_t settings;
    fw_ring_t ring;
    fw_motion_t motion;
    volatile uint32_t counter;     /* samples taken since power-up (mod 2^32) */
    bool session;                  /* a HELLO of version 2 came: streaming */
    uint32_t tx_seq;               /* sequence number of the next frame sent */
    fw_decoder_t decoder;
    uint8_t rx_buf[FW_MAX_HOST_FRAME_BYTES];
    uint8_t tx_buf[FW_TX_FRAME_BYTES];
    /* Diagnostics (main loop). */
    uint32_t frames_sent;
    uint32_t sample_frames_sent;
    uint32_t blocks_unsent;        /* blocks taken outside a session: never sent */
    uint32_t sessions;             /* HELLOs of version 2 answered */
} fw_device_t;

void fw_device_init(fw_device_t *d, const fw_settings_t *s);
/* Sampling interrupt: stores one 10-bit code, counts it, runs the move state machine. Returns the
 * step the hardware layer must issue now: +1 (DIR high), −1 (DIR low) or 0. */
int8_t fw_device_sample(fw_device_t *d, uint16_t code, bool switch_closed);
/* Main loop: reads the host's bytes, answers them, reports finished moves, sends waiting sample
 * frames. Never waits for the host. */
void fw_device_poll(fw_device_t *d);

#endif
